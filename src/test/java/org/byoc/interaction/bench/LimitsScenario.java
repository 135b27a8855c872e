package org.byoc.interaction.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.salesforce.eventbus.protobuf.ReplayPreset;
import io.grpc.Metadata;

import org.byoc.interaction.support.PubSubTestClient;

/**
 * One service at its documented limits: {@code --streams} (10,000) Subscribe streams on the outbound topic, each
 * with credit for every reply to come, and {@code --connections} (1,000) keep-alive HTTP connections, each sending a
 * text interaction every {@code --think-ms} (2 s), for {@code --limits-seconds}; meanwhile an agent reply every 5 s, which every
 * stream must receive. Measured from {@code /proc/<pid>} (open files, threads, resident memory, the open-files limit)
 * and the heap meter (after a full GC for the live heap): at rest, with the streams, at the peak of the load, and
 * after everything closed. "Served" means: no stream ended, every stream received every reply, every interaction
 * was answered 202, readiness stayed up.
 */
final class LimitsScenario {

	private static final Duration REPLY_EVERY = Duration.ofSeconds(5);

	private static final int MB = 1024 * 1024;

	private final BenchOptions options;

	private final String run = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 100_000));

	private final Pattern marker = Pattern.compile("lmt" + this.run + "n(\\d+)x");

	private final HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	LimitsScenario(BenchOptions options) {
		this.options = options;
	}

	void run(Report report) throws Exception {
		URI grpc = this.options.grpc();
		Long pid = this.options.pid();
		if (grpc == null || this.options.management() == null || this.options.adminToken() == null || pid == null) {
			report.figures().skip("limits", "needs --grpc, --management, --admin-token and --pid");
			Report.progress("limits: skipped (needs --grpc, --management, --admin-token, --pid)");
			return;
		}
		boolean quick = this.options.quick();
		int streamCount = Integer.parseInt(this.options.get("streams", quick ? "2000" : "10000"));
		int connectionCount = Integer.parseInt(this.options.get("connections", quick ? "200" : "1000"));
		Duration load = Duration.ofSeconds(Long.parseLong(this.options.get("limits-seconds", quick ? "20" : "60")));
		int replies = (int) (load.toSeconds() / REPLY_EVERY.toSeconds());
		int thinkMillis = Integer.parseInt(this.options.get("think-ms", "2000"));
		ProcessStats process = new ProcessStats(pid);
		HeapSampler heap = new HeapSampler(this.options.management(), this.options.adminToken(), pid);
		List<String> conversation = PartnerRequests.startConversations(this.options, "+1999" + this.run, 1);

		warmUp(quick);
		Snapshot rest = snapshot("at rest", process, heap, true);
		Report.progress("limits: at rest " + rest);

		Metadata auth = PubSubTestClient.auth(this.options.token(), this.options.orgId());
		long opening = System.nanoTime();
		try (SubscriberCrowd crowd = new SubscriberCrowd(streamCount, replies, this.marker)) {
			crowd.open(grpc, this.options.grpcCertificate(), auth, streamCount,
					PubSubTestClient.fetch(this.options.topic(), ReplayPreset.LATEST, 0, replies + 5));
			String subscribed = awaitSubscribers(heap, streamCount, crowd);
			double openSeconds = (System.nanoTime() - opening) / 1e9;
			Report.progress(String.format("limits: %,d streams on %d connections in %.1f s (%s)", streamCount,
					crowd.connections(), openSeconds, subscribed));
			Snapshot withStreams = snapshot("with the streams", process, heap, true);
			Report.progress("limits: " + withStreams);

			Report.progress(String.format("limits: %,d HTTP connections for %d s, a reply every %d s", connectionCount,
					load.toSeconds(), REPLY_EVERY.toSeconds()));
			PacedConnections senders = new PacedConnections(this.options, this.run, connectionCount, thinkMillis);
			Peak peak = new Peak();
			long start = System.nanoTime();
			int replied = 0;
			int replyErrors = 0;
			int notReady = 0;
			try (HttpConnection admin = new HttpConnection(this.options.management().getHost(),
					this.options.management().getPort())) {
				while (System.nanoTime() - start < load.toNanos()) {
					if (replied < replies && System.nanoTime() - start >= replied * REPLY_EVERY.toNanos()
							+ REPLY_EVERY.toNanos() / 2) {
						LoadRunner.Request reply = PartnerRequests.agentReply(this.options, conversation.get(0),
								"Agent reply lmt" + this.run + "n" + replied + "x");
						crowd.sent(replied, System.nanoTime());
						if (admin.exchange(reply.head(), reply.body()).status() != 201) {
							replyErrors++;
						}
						replied++;
					}
					peak.add(snapshot("peak", process, heap, false));
					if (!ready()) {
						notReady++;
					}
					Thread.sleep(1_000);
				}
			}
			senders.stop();
			// before the service's keep-alive timeout closes the idle connections
			Snapshot loaded = snapshot("after the load, streams and connections open", process, heap, true);
			// the last reply's deliveries, bounded
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (crowd.received() < (long) streamCount * replied && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			long ended = crowd.ended();
			long missing = (long) streamCount * replied - crowd.received();
			Report.progress(String.format("limits: %s; streams ended %d%s, deliveries missing %d, HTTP %s", loaded,
					ended, (ended > 0) ? " (" + crowd.anEnd() + ")" : "", missing, senders.result()));

			senders.close();
			crowd.close();
			Thread.sleep(3_000);
			Snapshot closed = snapshot("after everything closed", process, heap, true);
			Report.progress("limits: " + closed);

			write(report, new Outcome(streamCount, connectionCount, thinkMillis, load, replied, replyErrors, notReady, openSeconds,
					subscribed, ended, missing, crowd.latencies(), crowd.received(), senders, rest, withStreams, peak,
					loaded, closed, process.openFilesLimit()));
		}
	}

	/**
	 * Text interactions on 16 connections until the service's JIT has settled (bounded): a limit measured on a
	 * service still compiling its request path would mostly measure the compiler.
	 */
	private void warmUp(boolean quick) throws InterruptedException {
		LoadRunner runner = PartnerRequests.runner(this.options, 202);
		LoadRunner.RequestMaker traffic = InteractionsScenario.traffic(PartnerRequests.of(this.options), this.run,
				"/api/v1/interactions");
		JitWatch jit = new JitWatch(this.options.pid());
		long limit = TimeUnit.SECONDS.toNanos(Long.parseLong(this.options.get("warm-up-seconds", quick ? "20" : "120")));
		long start = System.nanoTime();
		double compiled = jit.compileSeconds();
		int offset = 0;
		while (System.nanoTime() - start < limit) {
			int base = offset;
			offset += runner.closed("warm-up", Duration.ofSeconds(5), FirstMinuteScenario.CONNECTIONS, 1_000_000,
					(i, due) -> traffic.make(base + i, due)).sent();
			double now = jit.compileSeconds();
			if (now >= 0 && now - compiled < 0.2) {
				break;
			}
			compiled = now;
		}
		Report.progress(String.format("limits: warmed up for %d s", (System.nanoTime() - start) / 1_000_000_000L));
	}

	/** Until the service counts them all ({@code interactionservice.pubsub.subscribers}), bounded; what it saw. */
	private String awaitSubscribers(HeapSampler heap, int expected, SubscriberCrowd crowd) throws InterruptedException {
		long start = System.nanoTime();
		long deadline = start + TimeUnit.SECONDS.toNanos(120);
		double counted = Double.NaN;
		while (System.nanoTime() < deadline) {
			counted = heap.metric("interactionservice.pubsub.subscribers");
			// the meter appears with the first subscriber; a build without it gets 15 s
			if (Double.isNaN(counted) && System.nanoTime() - start > TimeUnit.SECONDS.toNanos(15)) {
				return "the service has no subscriber meter; waited 15 s";
			}
			if (counted >= expected || crowd.ended() > 0) {
				break;
			}
			Thread.sleep(500);
		}
		return String.format("the service counted %,.0f subscribers", counted);
	}

	private boolean ready() {
		try {
			HttpResponse<Void> response = this.probe.send(
					HttpRequest.newBuilder(this.options.management().resolve("/actuator/health/readiness"))
						.timeout(Duration.ofSeconds(5))
						.build(),
					HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static Snapshot snapshot(String when, ProcessStats process, HeapSampler heap, boolean collect) {
		if (collect) {
			heap.collectGarbage();
		}
		long heapUsed;
		try {
			heapUsed = heap.heapUsed();
		}
		catch (RuntimeException ex) {
			heapUsed = -1;
		}
		return new Snapshot(when, heapUsed, process.openFiles(), process.threads(), process.residentMb());
	}

	private void write(Report report, Outcome o) {
		boolean served = o.ended() == 0 && o.missing() == 0 && o.senders().errors() == 0 && o.replyErrors() == 0
				&& o.notReady() == 0 && o.replied() > 0;
		String budget = this.options.get("budget", "none given");
		report.line("## Limits: " + String.format("%,d", o.streams()) + " Subscribe streams and "
				+ String.format("%,d", o.connections()) + " HTTP connections");
		report.line("");
		report.line(String.format("**%s.** Service started with: %s; open-files limit of the process: %s.",
				served ? "Everything stayed served" : "NOT everything was served", budget,
				(o.openFilesLimit() == Long.MAX_VALUE) ? "unlimited" : String.format("%,d", o.openFilesLimit())));
		report.line("");
		report.line(String.format("The service was first warmed (text interactions on 16 connections until its JIT "
				+ "settled). %,d Subscribe streams (grpc-java over TLS, %d per connection, LATEST, credit for every "
				+ "reply) were opened in %.1f s (%s); then %,d keep-alive HTTP connections each sent a text interaction "
				+ "every %.1f s or so (about %,d/s in all) for %d s while an agent reply was posted every %d s, which "
				+ "every stream had to receive. Heap: `jvm.memory.used` (area heap) right after a full GC (`jcmd "
				+ "GC.run`), except the peak row (polled every second during the load, garbage included). Open files, "
				+ "threads and resident memory from `/proc/<pid>`.", o.streams(), SubscriberCrowd.STREAMS_PER_CHANNEL,
				o.openSeconds(), o.subscribed(), o.connections(), o.thinkMillis() / 1000.0,
				o.connections() * 1000 / o.thinkMillis(), o.load().toSeconds(), REPLY_EVERY.toSeconds()));
		report.line("");
		report.row("when", "heap used MB", "open files", "threads", "RSS MB");
		report.row("---", "---:", "---:", "---:", "---:");
		for (Snapshot s : List.of(o.rest(), o.withStreams(), o.peak().snapshot(), o.loaded(), o.closed())) {
			report.row(s.when(), mb(s.heapUsed()), s.openFiles(), s.threads(), s.residentMb());
		}
		report.line("");
		report.row("served", "outcome");
		report.row("---", "---");
		report.row("streams that ended before the client closed them", o.ended());
		report.row("replies posted (201) / refused", o.replied() - o.replyErrors() + " / " + o.replyErrors());
		report.row("events expected / received",
				String.format("%,d / %,d", (long) o.streams() * o.replied(), o.received()));
		report.row("reply → every stream: p50 / p99 / max ms", Latencies.ms(o.fanOut().millis(0.5))
				+ " / " + Latencies.ms(o.fanOut().millis(0.99)) + " / "
				+ Latencies.ms(o.fanOut().millis(1.0)));
		report.row("interactions answered 202 / errors", String.format("%,d / %s", o.senders().ok(),
				o.senders().errorText()));
		report.row("interaction latency p50 / p99 / max ms", Latencies.ms(o.senders().latencies().millis(0.5)) + " / "
				+ Latencies.ms(o.senders().latencies().millis(0.99)) + " / "
				+ Latencies.ms(o.senders().latencies().millis(1.0)));
		report.row("HTTP connections open at once (most)", o.senders().mostOpen());
		report.row("readiness probes not 200 (one a second)", o.notReady());
		report.flush();

		Figures figures = report.figures();
		figures.add("limits.served", "limits: everything served (1 = yes)", "", served ? 1 : 0, Figures.Better.HIGHER);
		figures.add("limits.heap_live_loaded", "limits: live heap with streams and connections", "MB",
				o.loaded().heapUsed() / (double) MB, Figures.Better.LOWER);
		figures.add("limits.heap_peak", "limits: heap peak during the load", "MB",
				o.peak().snapshot().heapUsed() / (double) MB, Figures.Better.LOWER);
		figures.add("limits.open_files_peak", "limits: open files at the peak", "", o.peak().snapshot().openFiles(),
				Figures.Better.LOWER);
		figures.add("limits.threads_peak", "limits: threads at the peak", "", o.peak().snapshot().threads(),
				Figures.Better.LOWER);
		figures.add("limits.rss_peak", "limits: resident memory at the peak", "MB", o.peak().snapshot().residentMb(),
				Figures.Better.LOWER);
		figures.add("limits.fanout_p99", "limits: reply → every stream p99", "ms",
				o.fanOut().millis(0.99), Figures.Better.LOWER);
		figures.add("limits.interactions_p99", "limits: interaction p99", "ms",
				o.senders().latencies().millis(0.99), Figures.Better.LOWER);
	}

	private static String mb(long bytes) {
		return (bytes < 0) ? "–" : String.format("%.0f", bytes / (double) MB);
	}

	private record Snapshot(String when, long heapUsed, long openFiles, long threads, long residentMb) {

		@Override
		public String toString() {
			return String.format("%s: heap %s MB, %d open files, %d threads, RSS %d MB", this.when, mb(this.heapUsed),
					this.openFiles, this.threads, this.residentMb);
		}

	}

	/** The largest of each figure over the samples. */
	private static final class Peak {

		private Snapshot peak = new Snapshot("peak during the load (heap with garbage)", -1, -1, -1, -1);

		void add(Snapshot s) {
			this.peak = new Snapshot(this.peak.when(), Math.max(this.peak.heapUsed(), s.heapUsed()),
					Math.max(this.peak.openFiles(), s.openFiles()), Math.max(this.peak.threads(), s.threads()),
					Math.max(this.peak.residentMb(), s.residentMb()));
		}

		Snapshot snapshot() {
			return this.peak;
		}

	}

	private record Outcome(int streams, int connections, int thinkMillis, Duration load, int replied, int replyErrors, int notReady,
			double openSeconds, String subscribed, long ended, long missing, Latencies fanOut, long received,
			PacedConnections senders,
			Snapshot rest, Snapshot withStreams, Peak peak, Snapshot loaded, Snapshot closed, long openFilesLimit) {
	}

}
