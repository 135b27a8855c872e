package org.byoc.interaction.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many keep-alive HTTP connections at once, each its own client (a thread with a small stack) sending one text
 * interaction every few seconds until stopped: what a thousand partner middleware instances look like to the
 * service, rather than a few connections at full speed. The connections stay open after {@link #stop()} until
 * {@link #close()}, so that what the service holds for them can be measured.
 */
final class PacedConnections {

	private final List<Thread> threads = new ArrayList<>();

	private final List<HttpConnection> connections = new ArrayList<>();

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger mostOpen = new AtomicInteger();

	private final AtomicInteger ok = new AtomicInteger();

	private final Latencies latencies = new Latencies(1 << 16);

	private final Map<String, Integer> errors = new TreeMap<>();

	private volatile boolean running = true;

	private final int thinkMillis;

	/** {@code count} connections, each waiting about {@code thinkMillis} (± a quarter) between its requests. */
	PacedConnections(BenchOptions options, String run, int count, int thinkMillis) {
		this.thinkMillis = thinkMillis;
		PartnerRequests requests = PartnerRequests.of(options);
		String host = options.api().getHost();
		int port = options.api().getPort();
		for (int c = 0; c < count; c++) {
			String from = "+1444" + run + c;
			Thread thread = new Thread(null, () -> send(requests, host, port, from), "limits-http-" + c, 256 * 1024);
			thread.setDaemon(true);
			this.threads.add(thread);
		}
		for (Thread thread : this.threads) {
			thread.start();
		}
	}

	private void send(PartnerRequests requests, String host, int port, String from) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		HttpConnection connection = null;
		try {
			// the first requests spread over a second, as independent clients would come
			Thread.sleep(random.nextInt(1_000));
			int i = 0;
			while (this.running) {
				try {
					if (connection == null) {
						connection = new HttpConnection(host, port);
						synchronized (this.connections) {
							this.connections.add(connection);
						}
						this.mostOpen.accumulateAndGet(this.open.incrementAndGet(), Math::max);
					}
					LoadRunner.Request request = requests.textMessage("/api/v1/interactions", from,
							"Limits message " + i++);
					long sent = System.nanoTime();
					HttpConnection.Response response = connection.exchange(request.head(), request.body());
					if (response.status() == 202) {
						this.ok.incrementAndGet();
						this.latencies.add(System.nanoTime() - sent);
					}
					else {
						error("HTTP " + response.status());
					}
					if (response.close()) {
						connection.close();
						connection = null;
						this.open.decrementAndGet();
					}
				}
				catch (IOException | RuntimeException ex) {
					if (this.running) {
						error(ex.getClass().getSimpleName() + ": " + ex.getMessage());
					}
					if (connection != null) {
						connection.close();
						connection = null;
						this.open.decrementAndGet();
					}
				}
				Thread.sleep(this.thinkMillis * 3 / 4 + random.nextInt(Math.max(1, this.thinkMillis / 2)));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void error(String what) {
		synchronized (this.errors) {
			this.errors.merge(what, 1, Integer::sum);
		}
	}

	void stop() throws InterruptedException {
		this.running = false;
		for (Thread thread : this.threads) {
			thread.join(5_000);
		}
	}

	/** Closes the connections, which were kept open so that the snapshot after the load still counts them. */
	void close() {
		synchronized (this.connections) {
			this.connections.forEach(HttpConnection::close);
		}
	}

	int ok() {
		return this.ok.get();
	}

	int mostOpen() {
		return this.mostOpen.get();
	}

	Latencies latencies() {
		return this.latencies;
	}

	int errors() {
		synchronized (this.errors) {
			return this.errors.values().stream().mapToInt(Integer::intValue).sum();
		}
	}

	String errorText() {
		synchronized (this.errors) {
			return this.errors.isEmpty() ? "0" : this.errors.toString();
		}
	}

	String result() {
		return ok() + " answered 202, errors " + errorText();
	}

}
