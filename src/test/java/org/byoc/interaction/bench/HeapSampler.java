package org.byoc.interaction.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's heap as its management port reports it ({@code jvm.memory.used}, area heap, admin token), polled
 * every 50 ms while a case runs; the peak is what the tables show. With the service's pid known, a full GC
 * ({@code jcmd GC.run}) before a case gives a clean baseline.
 */
final class HeapSampler {

	private static final Pattern VALUE = Pattern.compile("\"statistic\"\\s*:\\s*\"VALUE\"\\s*,\\s*\"value\"\\s*:\\s*([0-9.Ee+-]+)");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI heapMetric;

	private final String adminToken;

	private final Long pid;

	private volatile boolean sampling;

	private volatile long peak;

	private volatile long liveDuring = -1;

	private Thread thread;

	HeapSampler(URI management, String adminToken, Long pid) {
		this.heapMetric = management.resolve("/actuator/metrics/jvm.memory.used?tag=area:heap");
		this.adminToken = adminToken;
		this.pid = pid;
	}

	/** A full GC in the service, when its pid is known; true when it ran. */
	boolean collectGarbage() {
		if (this.pid == null) {
			return false;
		}
		try {
			Process jcmd = new ProcessBuilder("jcmd", this.pid.toString(), "GC.run").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return jcmd.waitFor(30, TimeUnit.SECONDS) && jcmd.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	long heapUsed() {
		return (long) metric(this.heapMetric);
	}

	/**
	 * Another meter of the management port ({@code name?tag=k:v}), its VALUE statistic; NaN when the service has no
	 * such meter (an older build).
	 */
	double metric(String nameAndTags) {
		try {
			return metric(this.heapMetric.resolve("/actuator/metrics/" + nameAndTags));
		}
		catch (IllegalStateException ex) {
			return Double.NaN;
		}
	}

	private double metric(URI uri) {
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri)
				.header("Authorization", "Bearer " + this.adminToken)
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString());
			Matcher value = VALUE.matcher(response.body());
			if (response.statusCode() != 200 || !value.find()) {
				throw new IllegalStateException(uri.getPath() + ": HTTP " + response.statusCode() + " " + response.body());
			}
			return Double.parseDouble(value.group(1));
		}
		catch (IOException ex) {
			throw new IllegalStateException(uri.getPath() + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Starts polling; with the pid known, also forces one full GC {@code liveAfter} into the case and reads the heap
	 * right after it: what uploads in flight hold then is live memory, not garbage waiting for a collection.
	 */
	void start(Duration liveAfter) {
		this.peak = heapUsed();
		this.liveDuring = -1;
		this.sampling = true;
		long gcAt = System.nanoTime() + liveAfter.toNanos();
		this.thread = new Thread(() -> {
			boolean collected = false;
			while (this.sampling) {
				if (!collected && System.nanoTime() >= gcAt && this.pid != null) {
					collected = true;
					if (collectGarbage()) {
						this.liveDuring = heapUsed();
					}
				}
				try {
					this.peak = Math.max(this.peak, heapUsed());
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					return;
				}
				catch (RuntimeException ex) {
					// one missed sample does not end the case
				}
			}
		}, "heap-sampler");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** The heap right after the GC forced during the case, or -1 when none ran (too short a case, no pid). */
	long liveDuring() {
		return this.liveDuring;
	}

	long stop() throws InterruptedException {
		this.sampling = false;
		this.thread.join(10_000);
		return Math.max(this.peak, heapUsed());
	}

}
