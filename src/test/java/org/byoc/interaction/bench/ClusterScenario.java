package org.byoc.interaction.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.grpc.Metadata;

import org.byoc.interaction.support.PubSubTestClient;

/**
 * The cluster scenario of {@code bench/cluster.sh}: partner load through the load balancer (HTTP), agent replies
 * through it (management port) that become outbound events, and resuming Pub/Sub subscribers through it (TCP), while
 * the script may kill -9 a node and restart it. A sender whose request failed without an answer sends the same
 * request again (same entry id: the service's retry idempotency), so every interaction is finally acknowledged once.
 * Afterwards {@link ClusterCheck} compares what was acknowledged and received with the database.
 */
final class ClusterScenario {

	private final BenchOptions options;

	private final String round;

	private final int seconds;

	private final int senders;

	private final int replyRate;

	private final int subscribers;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Set<String> acknowledgedEntries = ConcurrentHashMap.newKeySet();

	private final Set<String> acknowledgedReplies = ConcurrentHashMap.newKeySet();

	private final Set<String> ambiguousReplies = ConcurrentHashMap.newKeySet();

	private final Latencies latencies = new Latencies(1 << 20);

	private final AtomicInteger retried = new AtomicInteger();

	private final AtomicLong failures = new AtomicLong();

	ClusterScenario(BenchOptions options) {
		this.options = options;
		this.round = options.get("round", "steady");
		this.seconds = Integer.parseInt(options.get("seconds", "30"));
		this.senders = Integer.parseInt(options.get("senders", "8"));
		this.replyRate = Integer.parseInt(options.get("reply-rate", "20"));
		this.subscribers = Integer.parseInt(options.get("subscribers", "6"));
	}

	void run(Report report) throws Exception {
		ClusterCheck check = new ClusterCheck(this.options.require("jdbc"), this.options.orgId(), this.options.topic());
		List<String> conversations = PartnerRequests.startConversations(this.options, "+1777" + this.round, 5);
		long from = check.lastReplayId();
		Metadata auth = PubSubTestClient.auth(this.options.token(), this.options.orgId());
		List<ResumingSubscriber> subscribed = new ArrayList<>();
		for (int i = 0; i < this.subscribers; i++) {
			subscribed.add(new ResumingSubscriber("subscriber-" + (i + 1), this.options.grpc(),
					this.options.grpcCertificate(), auth, this.options.topic(), from));
		}
		Thread.sleep(1_000);
		Report.progress("cluster " + this.round + ": " + this.seconds + " s of load, " + this.senders
				+ " senders, " + this.replyRate + " agent replies/s, " + this.subscribers + " subscribers");
		long start = System.nanoTime();
		long end = start + TimeUnit.SECONDS.toNanos(this.seconds);
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < this.senders; i++) {
			int sender = i;
			threads.add(new Thread(() -> send(sender, end), "sender-" + i));
		}
		threads.add(new Thread(() -> reply(conversations, end), "replies"));
		threads.forEach(Thread::start);
		for (Thread thread : threads) {
			thread.join();
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		// the subscribers catch up with the log (every event that committed) or the check reports the gap
		long tip = check.lastReplayId();
		long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < drainUntil
				&& subscribed.stream().anyMatch((s) -> s.lastReplayId() < tip)) {
			Thread.sleep(200);
		}
		Thread.sleep(500);
		subscribed.forEach(ResumingSubscriber::close);
		ClusterCheck.Outcome outcome = check.verify(from, this.acknowledgedEntries, this.acknowledgedReplies,
				this.ambiguousReplies, subscribed);
		write(report, elapsed, outcome, subscribed);
		if (this.options.has("summary")) {
			Files.writeString(Path.of(this.options.require("summary")),
					"interactions=" + this.acknowledgedEntries.size() + "\nreplies=" + this.acknowledgedReplies.size()
							+ "\nseconds=" + String.format("%.1f", elapsed) + "\nevents=" + outcome.loggedEvents()
							+ "\npassed=" + outcome.passed() + "\n",
					StandardCharsets.UTF_8);
		}
		if (!outcome.passed()) {
			throw new IllegalStateException("cluster " + this.round + ": " + outcome.problems());
		}
	}

	/** One partner connection's worth: text messages, each retried with its own entry id until answered. */
	private void send(int sender, long end) {
		int message = 0;
		while (System.nanoTime() < end) {
			String entryId = PartnerRequests.uuid();
			String body = textMessage(entryId, "+1666" + sender + "0" + (message++ % 50), "load " + entryId);
			long began = System.nanoTime();
			for (int attempt = 0; attempt < 60; attempt++) {
				if (attempt > 0) {
					this.retried.incrementAndGet();
					sleep(250);
				}
				try {
					HttpResponse<String> response = this.http.send(interaction(body), HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() == 202) {
						this.latencies.add(System.nanoTime() - began);
						this.acknowledgedEntries.add(entryId);
						break;
					}
					// 502/503 from the balancer or a node losing its database: not acknowledged, send again
					this.failures.incrementAndGet();
				}
				catch (IOException ex) {
					this.failures.incrementAndGet();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/**
	 * Agent replies at a fixed rate. A reply is not idempotent on the admin API, so one whose answer was lost is
	 * not sent again: it is "ambiguous" (it may or may not have committed) and the check only counts it.
	 */
	private void reply(List<String> conversations, long end) {
		long interval = TimeUnit.SECONDS.toNanos(1) / Math.max(1, this.replyRate);
		long next = System.nanoTime();
		int seq = 0;
		while (System.nanoTime() < end) {
			String marker = "cluster-" + this.round + "-" + (seq++);
			HttpRequest request = HttpRequest
				.newBuilder(URI.create(this.options.management() + "/admin/api/conversations/"
						+ conversations.get(seq % conversations.size()) + "/messages"))
				.header("Authorization", "Bearer " + this.options.adminToken())
				.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(10))
				.POST(HttpRequest.BodyPublishers.ofString(
						"{\"senderUserId\":\"" + this.options.agentUserId() + "\",\"text\":\"" + marker + "\"}"))
				.build();
			try {
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 201) {
					this.acknowledgedReplies.add(marker);
				}
				else if (response.statusCode() >= 500) {
					this.ambiguousReplies.add(marker);
				}
			}
			catch (IOException ex) {
				this.ambiguousReplies.add(marker);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			next += interval;
			long wait = next - System.nanoTime();
			if (wait > 0) {
				sleep(TimeUnit.NANOSECONDS.toMillis(wait));
			}
		}
	}

	/** The multipart body of a text message with this entry id (the same bytes on every retry). */
	private String textMessage(String entryId, String from, String text) {
		String json = "{\"to\":\"" + this.options.address() + "\",\"from\":\"" + from + "\",\"interactions\":[{"
				+ "\"timestamp\":" + System.currentTimeMillis() + ",\"interactionType\":\"EntryInteraction\","
				+ "\"payload\":{\"id\":\"" + entryId + "\",\"entryType\":\"Message\",\"abstractMessage\":{"
				+ "\"messageType\":\"StaticContentMessage\",\"id\":\"" + entryId + "\",\"staticContent\":{"
				+ "\"formatType\":\"Text\",\"text\":\"" + text + "\"}}}}]}";
		return "--" + PartnerRequests.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"json\"\r\n"
				+ "Content-Type: application/json\r\n\r\n" + json + "\r\n--" + PartnerRequests.BOUNDARY + "--\r\n";
	}

	private HttpRequest interaction(String body) {
		return HttpRequest.newBuilder(URI.create(this.options.api() + "/api/v1/interactions"))
			.header("Authorization", "Bearer " + this.options.token())
			.header("OrgId", this.options.orgId())
			.header("AuthorizationContext", this.options.authorizationContext())
			.header("RequestId", PartnerRequests.uuid())
			.header("Content-Type", "multipart/form-data; boundary=" + PartnerRequests.BOUNDARY)
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private void write(Report report, double elapsed, ClusterCheck.Outcome outcome,
			List<ResumingSubscriber> subscribed) {
		report.line("### Round: " + this.round);
		report.line("");
		report.row("interactions acknowledged", "per second", "p50", "p99", "sent again after a failure",
				"failed attempts", "agent replies acknowledged", "ambiguous replies (committed)", "events logged");
		report.row("---", "---", "---", "---", "---", "---", "---", "---", "---");
		report.row(this.acknowledgedEntries.size(), String.format("%.0f", this.acknowledgedEntries.size() / elapsed),
				Latencies.ms(this.latencies.millis(0.50)), Latencies.ms(this.latencies.millis(0.99)),
				this.retried.get(), this.failures.get(), this.acknowledgedReplies.size(),
				this.ambiguousReplies.size() + " (" + outcome.ambiguousCommitted() + ")", outcome.loggedEvents());
		report.line("");
		report.row("subscriber", "events received", "duplicates", "missing", "out of order", "reconnections",
				"resumed from replay ids");
		report.row("---", "---", "---", "---", "---", "---", "---");
		for (ResumingSubscriber subscriber : subscribed) {
			ClusterCheck.Received received = outcome.received().get(subscriber.name());
			List<Long> resumed = subscriber.resumedFrom();
			report.row(subscriber.name(), received.count(), received.duplicates(), received.missing(),
					received.outOfOrder(), resumed.size(), resumed.isEmpty() ? "—" : resumed.toString());
		}
		report.line("");
		report.line("Checked against the database: acknowledged interactions missing "
				+ outcome.missingEntries() + ", stored more than once " + outcome.doubledEntries()
				+ "; acknowledged agent replies missing from the log " + outcome.missingReplies()
				+ ", logged more than once " + outcome.doubledReplies() + "; every subscriber's events equal the log"
				+ " after replay id " + outcome.from() + ": " + (outcome.subscribersMatch() ? "yes" : "NO") + ". "
				+ (outcome.passed() ? "**Passed.**" : "**FAILED: " + outcome.problems() + "**"));
		report.flush();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static List<String> sorted(Set<String> values) {
		List<String> list = new ArrayList<>(values);
		Collections.sort(list);
		return list;
	}

}
