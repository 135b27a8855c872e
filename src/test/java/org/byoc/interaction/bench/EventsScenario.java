package org.byoc.interaction.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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

	private static final int WARM_UP_RATE = 300;

	private static final Duration WARM_UP_PHASE = Duration.ofSeconds(3);

	private static final int STREAMS_PER_CHANNEL = 100;

	private final BenchOptions options;

	private final String run = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 100_000));

	private final Pattern marker = Pattern.compile("bnch" + this.run + "n(\\d+)x");

	/** Intended send time and arrival time of each reply, by its global sequence number. */
	private final AtomicLongArray intended;

	private final AtomicLongArray arrived;

	private final AtomicInteger sequence = new AtomicInteger();

	private final int[] rates;

	private final int idleSubscribers;

	private final long warmUpSeconds;

	private final Duration step;

	EventsScenario(BenchOptions options) {
		this.options = options;
		this.rates = Arrays.stream(options.get("events-rates", "100,500").split(","))
			.filter((r) -> !r.isBlank() && !r.equals("none"))
			.mapToInt(Integer::parseInt)
			.toArray();
		this.idleSubscribers = Integer.parseInt(options.get("events-idle", "" + IDLE_SUBSCRIBERS));
		this.warmUpSeconds = Long.parseLong(options.get("events-warm-up-seconds", options.quick() ? "20" : "60"));
		this.step = Duration.ofSeconds(Long.parseLong(options.get("events-step-seconds", options.quick() ? "4" : "12")));
		long warmUpPhases = this.warmUpSeconds / WARM_UP_PHASE.toSeconds() + 2;
		long perStep = Arrays.stream(this.rates).sum() + ((this.idleSubscribers > 0) ? 500 : 0);
		int capacity = (int) (warmUpPhases * WARM_UP_RATE * WARM_UP_PHASE.toSeconds() + this.step.toSeconds() * perStep
				+ 1_000);
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
		Duration step = this.step;
		List<String> conversations = PartnerRequests.startConversations(this.options, "+1888" + this.run, 10);
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
			long limit = TimeUnit.SECONDS.toNanos(this.warmUpSeconds);
			long warmStart = System.nanoTime();
			double compiled = jit.compileSeconds();
			Phase warmUp;
			while (true) {
				warmUp = phase(sender, conversations, WARM_UP_RATE, WARM_UP_PHASE);
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
			if (this.options.has("warm-up-only")) {
				subscriber.close();
				Report.progress("events: warmed up");
				return;
			}
			List<Phase> phases = new ArrayList<>();
			for (int rate : this.rates) {
				Report.progress("events: " + rate + " replies/s");
				phases.add(phase(sender, conversations, rate, step));
			}
			Phase crowded = null;
			int connected = 0;
			if (this.idleSubscribers > 0) {
				Report.progress("events: connecting " + this.idleSubscribers + " idle subscribers");
				connected = connectIdle(idleClients, grpc, auth);
				Report.progress("events: 500 replies/s with " + connected + " idle subscribers");
				crowded = phase(sender, conversations, 500, step);
			}
			subscriber.close();
			write(report, phases, crowded, connected, step);
			figures(report.figures(), phases, crowded, connected);
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
		LoadRunner.Result sent = sender.open("replies", rate, duration, 32, (i, due) -> {
			int seq = first + i;
			this.intended.set(seq, due);
			return PartnerRequests.agentReply(this.options, conversations.get(i % conversations.size()),
					"Agent reply bnch" + this.run + "n" + seq + "x");
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
		if (crowded != null) {
			row(report, crowded, idle);
		}
		report.flush();
	}

	/** Keys: {@code events.rate500} (and {@code .idle1000} with the idle subscribers) . p50, p99, max, missing. */
	private static void figures(Figures figures, List<Phase> phases, Phase crowded, int idle) {
		List<Phase> all = new ArrayList<>(phases);
		if (crowded != null) {
			all.add(crowded);
		}
		for (Phase phase : all) {
			boolean withIdle = phase == crowded;
			String key = "events.rate" + phase.rate() + (withIdle ? ".idle" + idle : "");
			String label = String.format("agent reply → subscriber at %d/s%s", phase.rate(),
					withIdle ? String.format(" with %,d idle subscribers", idle) : "");
			figures.add(key + ".p50", label + ": p50", "ms", phase.received().millis(0.5), Figures.Better.LOWER);
			figures.add(key + ".p99", label + ": p99", "ms", phase.received().millis(0.99), Figures.Better.LOWER);
			figures.add(key + ".max", label + ": max", "ms", phase.received().millis(1.0), Figures.Better.LOWER);
			figures.add(key + ".missing", label + ": events not received or replies refused", "",
					phase.sent().sent() - phase.received().count(), Figures.Better.LOWER);
		}
	}

	private static void row(Report report, Phase phase, int idle) {
		int missing = phase.sent().ok() - phase.received().count();
		String errors = phase.sent().errorText() + ((missing > 0) ? "; " + missing + " events not received" : "");
		report.row(phase.rate(), String.format("%,d", idle), phase.sent().ok(), phase.received().count(),
				Latencies.ms(phase.received().millis(0.5)), Latencies.ms(phase.received().millis(0.99)),
				Latencies.ms(phase.received().millis(1.0)), Latencies.ms(phase.sent().latencies().millis(0.99)),
				errors);
	}

	private int connectIdle(List<PubSubTestClient> clients, URI grpc, Metadata auth) throws InterruptedException {
		List<PubSubTestClient.SubscribeStream> streams = new ArrayList<>();
		for (int i = 0; i < this.idleSubscribers; i++) {
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
