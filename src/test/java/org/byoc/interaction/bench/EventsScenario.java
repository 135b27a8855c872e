package org.byoc.interaction.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import io.grpc.Metadata;
import io.grpc.stub.StreamObserver;

import org.byoc.interaction.support.PubSubTestClient;

/**
 * Agent message → gRPC subscriber: agent replies are posted to the admin API at a fixed rate (open model) and a
 * Pub/Sub subscriber (grpc-java over TLS, like partner middleware) receives their {@code Interaction} events; the
 * latency runs from each reply's intended send time to the moment its event arrives, both clocks in this JVM. Then
 * the same with 1,000 more Subscribe streams connected on the same topic that ask for nothing (no credit), the way
 * paused consumers sit on a real event bus.
 */
final class EventsScenario {

	private static final int IDLE_SUBSCRIBERS = 1_000;

	private static final int STREAMS_PER_CHANNEL = 100;

	private final BenchOptions options;

	private final String run = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 100_000));

	private final Pattern marker = Pattern.compile("bnch" + this.run + "n(\\d+)x");

	/** Intended send time and arrival time of each reply, by its global sequence number. */
	private final AtomicLongArray intended;

	private final AtomicLongArray arrived;

	private final AtomicInteger sequence = new AtomicInteger();

	EventsScenario(BenchOptions options) {
		this.options = options;
		int capacity = 25 * 900 + (options.quick() ? 4 : 12) * (100 + 500 + 500) + 1_000;
		this.intended = new AtomicLongArray(capacity);
		this.arrived = new AtomicLongArray(capacity);
	}

	void run(Report report) throws Exception {
		URI management = this.options.management();
		URI grpc = this.options.grpc();
		if (management == null || grpc == null || this.options.adminToken() == null) {
			Report.progress("events: skipped (needs --management, --admin-token, --grpc)");
			return;
		}
		Duration step = Duration.ofSeconds(this.options.quick() ? 4 : 12);
		List<String> conversations = startConversations(10);
		Metadata auth = PubSubTestClient.auth(this.options.token(), this.options.orgId());
		List<PubSubTestClient> idleClients = new ArrayList<>();
		try (PubSubTestClient client = PubSubTestClient.connect(grpc.getHost(), grpc.getPort(),
				this.options.grpcCertificate())) {
			Subscriber subscriber = new Subscriber();
			subscriber.requests = client.async(auth).subscribe(subscriber);
			subscriber.request(PubSubTestClient.fetch(this.options.topic(), ReplayPreset.LATEST, 0, 100));
			subscriber.request(PubSubTestClient.fetch(this.options.topic(), ReplayPreset.LATEST, 0, 100));
			LoadRunner sender = new LoadRunner(management.getHost(), management.getPort(), 201, this.options.pid());

			// until the subscription is in place (LATEST starts wherever the log is when the service gets to it),
			// every reply's event arrives and the service's JIT has settled on this path; bounded
			JitWatch jit = new JitWatch(this.options.pid());
			long limit = TimeUnit.SECONDS.toNanos(this.options.quick() ? 20 : 60);
			long warmStart = System.nanoTime();
			double compiled = jit.compileSeconds();
			Phase warmUp;
			while (true) {
				warmUp = phase(sender, conversations, 300, Duration.ofSeconds(3));
				double now = jit.compileSeconds();
				boolean settled = compiled < 0 || now < 0 || now - compiled < 0.2;
				compiled = now;
				boolean complete = warmUp.received().count() >= warmUp.sent().ok() && warmUp.sent().ok() > 0;
				if ((complete && settled) || System.nanoTime() - warmStart > limit) {
					break;
				}
			}
			if (warmUp.received().count() == 0) {
				throw new IllegalStateException("the subscriber received no event in the warm-up: "
						+ warmUp.sent().errorText() + "; stream " + subscriber.end + ", " + subscriber.responses
						+ " responses with " + subscriber.events + " events");
			}
			List<Phase> phases = new ArrayList<>();
			for (int rate : new int[] { 100, 500 }) {
				Report.progress("events: " + rate + " replies/s");
				phases.add(phase(sender, conversations, rate, step));
			}
			Report.progress("events: connecting " + IDLE_SUBSCRIBERS + " idle subscribers");
			int connected = connectIdle(idleClients, grpc, auth);
			Report.progress("events: 500 replies/s with " + connected + " idle subscribers");
			Phase crowded = phase(sender, conversations, 500, step);
			subscriber.close();
			write(report, phases, crowded, connected, step);
		}
		finally {
			for (PubSubTestClient idle : idleClients) {
				idle.close();
			}
		}
	}

	private Phase phase(LoadRunner sender, List<String> conversations, int rate, Duration duration)
			throws InterruptedException {
		int first = this.sequence.get();
		int count = (int) (rate * duration.toMillis() / 1000);
		this.sequence.addAndGet(count);
		String admin = "Bearer " + this.options.adminToken();
		String host = this.options.management().getHost() + ":" + this.options.management().getPort();
		LoadRunner.Result sent = sender.open("replies", rate, duration, 32, (i, due) -> {
			int seq = first + i;
			this.intended.set(seq, due);
			String body = "{\"senderUserId\":\"" + this.options.agentUserId() + "\",\"text\":\"Agent reply bnch"
					+ this.run + "n" + seq + "x\"}";
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			byte[] head = ("POST /admin/api/conversations/" + conversations.get(i % conversations.size())
					+ "/messages HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + admin
					+ "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII);
			return new LoadRunner.Request(head, new byte[][] { bytes });
		});
		// wait (bounded) for the last events to arrive
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline && received(first, count) < sent.ok()) {
			Thread.sleep(20);
		}
		Latencies latencies = new Latencies(count);
		for (int seq = first; seq < first + count; seq++) {
			long at = this.arrived.get(seq);
			long due = this.intended.get(seq);
			if (at != 0 && due != 0) {
				latencies.add(at - due);
			}
		}
		Report.progress(String.format("  sent %d (errors %s), received %d, p50 %s ms, p99 %s ms", sent.ok(),
				sent.errorText(), latencies.count(), Latencies.ms(latencies.millis(0.5)),
				Latencies.ms(latencies.millis(0.99))));
		return new Phase(rate, sent, latencies);
	}

	private int received(int first, int count) {
		int n = 0;
		for (int seq = first; seq < first + count; seq++) {
			if (this.arrived.get(seq) != 0) {
				n++;
			}
		}
		return n;
	}

	private void write(Report report, List<Phase> phases, Phase crowded, int idle, Duration step) {
		report.line("## Agent message → gRPC subscriber");
		report.line("");
		report.line("Agent replies posted to `POST /admin/api/conversations/{id}/messages` (10 conversations, open "
				+ "model, " + step.toSeconds() + " s per row); one Pub/Sub subscriber (TLS, LATEST, credit kept at "
				+ "100–200) receives each reply's `Interaction` event. Latency: from the reply's intended send time to "
				+ "the event's arrival at the subscriber. Idle subscribers: further Subscribe streams on the same "
				+ "topic (" + STREAMS_PER_CHANNEL + " per connection) that requested no events.");
		report.line("");
		report.row("replies/s", "idle subscribers", "replies sent", "events received", "p50 ms", "p99 ms", "max ms",
				"reply HTTP p99 ms", "errors");
		report.row("---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---");
		for (Phase phase : phases) {
			row(report, phase, 0);
		}
		row(report, crowded, idle);
		report.flush();
	}

	private static void row(Report report, Phase phase, int idle) {
		int missing = phase.sent().ok() - phase.received().count();
		String errors = phase.sent().errorText() + ((missing > 0) ? "; " + missing + " events not received" : "");
		report.row(phase.rate(), String.format("%,d", idle), phase.sent().ok(), phase.received().count(),
				Latencies.ms(phase.received().millis(0.5)), Latencies.ms(phase.received().millis(0.99)),
				Latencies.ms(phase.received().millis(1.0)), Latencies.ms(phase.sent().latencies().millis(0.99)),
				errors);
	}

	private List<String> startConversations(int count) throws IOException {
		PartnerRequests requests = PartnerRequests.of(this.options);
		Pattern id = Pattern.compile("\"conversationIdentifier\"\\s*:\\s*\"([^\"]+)\"");
		List<String> conversations = new ArrayList<>();
		try (HttpConnection http = new HttpConnection(this.options.api().getHost(), this.options.api().getPort())) {
			for (int i = 0; i < count; i++) {
				LoadRunner.Request request = requests.textMessage("/api/v1/interactions", "+1888" + this.run + i,
						"I need an agent");
				HttpConnection.Response response = http.exchange(request.head(), request.body());
				Matcher found = id.matcher(response.text());
				if (response.status() != 202 || !found.find()) {
					throw new IllegalStateException("could not start a conversation: HTTP " + response.status() + " "
							+ response.text());
				}
				conversations.add(found.group(1));
			}
		}
		return conversations;
	}

	private int connectIdle(List<PubSubTestClient> clients, URI grpc, Metadata auth) throws InterruptedException {
		List<PubSubTestClient.SubscribeStream> streams = new ArrayList<>();
		for (int i = 0; i < IDLE_SUBSCRIBERS; i++) {
			if (i % STREAMS_PER_CHANNEL == 0) {
				clients.add(PubSubTestClient.connect(grpc.getHost(), grpc.getPort(), this.options.grpcCertificate()));
			}
			PubSubTestClient.SubscribeStream stream = clients.get(clients.size() - 1).subscribe(auth);
			stream.request(PubSubTestClient.fetch(this.options.topic(), ReplayPreset.LATEST, 0, 0));
			streams.add(stream);
		}
		// a stream the service refused ends at once; give them a moment to be refused or to settle
		Thread.sleep(2_000);
		return (int) streams.stream().filter((s) -> !s.end.isDone()).count();
	}

	private record Phase(int rate, LoadRunner.Result sent, Latencies received) {
	}

	/** Records each event's arrival and keeps the credit topped up. */
	private final class Subscriber implements StreamObserver<FetchResponse> {

		StreamObserver<FetchRequest> requests;

		volatile String end = "open";

		final AtomicInteger responses = new AtomicInteger();

		final AtomicInteger events = new AtomicInteger();

		synchronized void request(FetchRequest request) {
			this.requests.onNext(request);
		}

		@Override
		public void onNext(FetchResponse response) {
			long now = System.nanoTime();
			this.responses.incrementAndGet();
			this.events.addAndGet(response.getEventsCount());
			for (ConsumerEvent event : response.getEventsList()) {
				Matcher found = EventsScenario.this.marker
					.matcher(event.getEvent().getPayload().toString(StandardCharsets.ISO_8859_1));
				if (found.find()) {
					int seq = Integer.parseInt(found.group(1));
					if (seq < EventsScenario.this.arrived.length()) {
						EventsScenario.this.arrived.compareAndSet(seq, 0, now);
					}
				}
			}
			if (response.getEventsCount() > 0) {
				request(FetchRequest.newBuilder()
					.setTopicName(EventsScenario.this.options.topic())
					.setNumRequested(response.getEventsCount())
					.build());
			}
		}

		@Override
		public void onError(Throwable error) {
			this.end = "failed: " + error;
		}

		@Override
		public void onCompleted() {
			this.end = "completed";
		}

		synchronized void close() {
			try {
				this.requests.onCompleted();
			}
			catch (RuntimeException ex) {
				// already gone
			}
		}

	}

}
