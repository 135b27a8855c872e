package org.byoc.interaction.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one endpoint with prepared requests, in two models.
 *
 * <p>Open: request i is due at {@code start + i / rate}, whatever happened to the ones before, and its latency is
 * counted from that due time; a request that waits for a free connection waits on the clock, so a slow service
 * cannot hide its slowness by slowing the generator down (no coordinated omission).
 *
 * <p>Closed: a fixed number of connections each send the next request as soon as the last one is answered, which
 * finds the most the service can do (saturation); latencies there are counted from the actual send.
 *
 * <p>Both are bounded by count and time; unfinished requests at the deadline count as errors.
 */
final class LoadRunner {

	/** One request as bytes: the head and the body pieces. */
	record Request(byte[] head, byte[][] body) {
	}

	/** Makes request {@code index}, due at {@code dueNanos} on the {@link System#nanoTime()} clock. */
	interface RequestMaker {

		Request make(int index, long dueNanos);

	}

	/** What a run measured. */
	record Result(String label, double offered, int sent, int ok, Map<String, Integer> errors, double seconds,
			Latencies latencies, long serviceCpuNanos) {

		/** Microseconds of service CPU per answered request, or -1 when the service's pid is unknown. */
		double serviceCpuMicrosPerRequest() {
			return (this.serviceCpuNanos < 0 || this.ok == 0) ? -1 : this.serviceCpuNanos / 1000.0 / this.ok;
		}

		double throughput() {
			return (this.seconds > 0) ? this.ok / this.seconds : 0;
		}

		int errorCount() {
			return this.errors.values().stream().mapToInt(Integer::intValue).sum();
		}

		String errorText() {
			if (this.errors.isEmpty()) {
				return "0";
			}
			StringBuilder text = new StringBuilder().append(errorCount()).append(" (");
			this.errors.forEach((what, n) -> text.append(what).append(": ").append(n).append("; "));
			text.setLength(text.length() - 2);
			return text.append(')').toString();
		}

	}

	private final String host;

	private final int port;

	private final int expectedStatus;

	private final ProcessCpu serviceCpu;

	LoadRunner(String host, int port, int expectedStatus, Long servicePid) {
		this.host = host;
		this.port = port;
		this.expectedStatus = expectedStatus;
		this.serviceCpu = (servicePid != null) ? new ProcessCpu(servicePid) : null;
	}

	private long cpuNow() {
		return (this.serviceCpu != null) ? this.serviceCpu.nanos() : -1;
	}

	private static long used(long before, long after) {
		return (before < 0 || after < 0) ? -1 : after - before;
	}

	Result open(String label, int rate, Duration duration, int connections, RequestMaker maker)
			throws InterruptedException {
		int count = (int) Math.max(1, rate * duration.toMillis() / 1000);
		long interval = 1_000_000_000L / rate;
		BlockingQueue<Integer> due = new ArrayBlockingQueue<>(count + connections);
		Latencies latencies = new Latencies(count);
		Errors errors = new Errors();
		AtomicLong lastEnd = new AtomicLong();
		long cpuBefore = cpuNow();
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
		List<Thread> workers = new ArrayList<>();
		for (int w = 0; w < connections; w++) {
			Thread worker = new Thread(() -> {
				Client client = new Client();
				try {
					while (true) {
						int i = due.take();
						if (i < 0) {
							return;
						}
						long intended = start + i * interval;
						if (client.call(maker.make(i, intended), errors)) {
							long end = System.nanoTime();
							latencies.add(end - intended);
							lastEnd.accumulateAndGet(end, Math::max);
						}
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					client.close();
				}
			}, "load-" + w);
			worker.setDaemon(true);
			worker.start();
			workers.add(worker);
		}
		for (int i = 0; i < count; i++) {
			long at = start + i * interval;
			long now;
			while ((now = System.nanoTime()) < at) {
				LockSupport.parkNanos(at - now);
			}
			due.add(i);
		}
		for (int w = 0; w < connections; w++) {
			due.add(-1);
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		for (Thread worker : workers) {
			worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			worker.interrupt();
		}
		int ok = latencies.count();
		int unfinished = count - ok - errors.total();
		if (unfinished > 0) {
			errors.add("unanswered after the run", unfinished);
		}
		long cpu = used(cpuBefore, cpuNow());
		double seconds = Math.max(lastEnd.get() - start, interval * (long) count) / 1e9;
		return new Result(label, rate, count, ok, errors.snapshot(), seconds, latencies, cpu);
	}

	Result closed(String label, Duration duration, int connections, int maxRequests, RequestMaker maker)
			throws InterruptedException {
		Latencies latencies = new Latencies(1024);
		Errors errors = new Errors();
		AtomicLong next = new AtomicLong();
		long cpuBefore = cpuNow();
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		List<Thread> workers = new ArrayList<>();
		for (int w = 0; w < connections; w++) {
			Thread worker = new Thread(() -> {
				Client client = new Client();
				Latencies mine = new Latencies(1024);
				try {
					while (System.nanoTime() < end) {
						long i = next.getAndIncrement();
						if (i >= maxRequests) {
							return;
						}
						long sent = System.nanoTime();
						if (client.call(maker.make((int) i, sent), errors)) {
							mine.add(System.nanoTime() - sent);
						}
					}
				}
				finally {
					latencies.addAll(mine);
					client.close();
				}
			}, "load-" + w);
			worker.setDaemon(true);
			worker.start();
			workers.add(worker);
		}
		for (Thread worker : workers) {
			worker.join(duration.toMillis() + 30_000);
			worker.interrupt();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long cpu = used(cpuBefore, cpuNow());
		int sent = (int) Math.min(next.get(), maxRequests);
		return new Result(label, Double.NaN, sent, latencies.count(), errors.snapshot(), seconds, latencies, cpu);
	}

	/** One connection per worker, opened on demand and again after the server closed it. */
	private final class Client {

		private HttpConnection connection;

		boolean call(Request request, Errors errors) {
			try {
				if (this.connection == null) {
					this.connection = new HttpConnection(LoadRunner.this.host, LoadRunner.this.port);
				}
				HttpConnection.Response response = this.connection.exchange(request.head(), request.body());
				if (response.close()) {
					close();
				}
				if (response.status() != LoadRunner.this.expectedStatus) {
					errors.add("HTTP " + response.status() + " " + shorten(response.text()), 1);
					return false;
				}
				return true;
			}
			catch (IOException | RuntimeException ex) {
				close();
				errors.add(ex.getClass().getSimpleName() + ": " + ex.getMessage(), 1);
				return false;
			}
		}

		void close() {
			if (this.connection != null) {
				this.connection.close();
				this.connection = null;
			}
		}

	}

	private static String shorten(String text) {
		String oneLine = text.replaceAll("\\s+", " ");
		return (oneLine.length() > 120) ? oneLine.substring(0, 120) + "…" : oneLine;
	}

	private static final class Errors {

		private final Map<String, Integer> counts = new TreeMap<>();

		synchronized void add(String what, int n) {
			this.counts.merge(what, n, Integer::sum);
		}

		synchronized int total() {
			return this.counts.values().stream().mapToInt(Integer::intValue).sum();
		}

		synchronized Map<String, Integer> snapshot() {
			return new TreeMap<>(this.counts);
		}

	}

}
