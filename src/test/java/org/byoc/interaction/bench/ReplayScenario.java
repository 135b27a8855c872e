package org.byoc.interaction.bench;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import com.salesforce.eventbus.protobuf.PublishRequest;
import com.salesforce.eventbus.protobuf.PublishResponse;
import com.salesforce.eventbus.protobuf.PublishResult;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicInfo;
import com.salesforce.eventbus.protobuf.TopicRequest;
import io.grpc.Metadata;
import io.grpc.stub.StreamObserver;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import org.byoc.interaction.support.AvroDatum;
import org.byoc.interaction.support.PubSubTestClient;

/**
 * Replay catch-up: the topic is seeded with events through {@code PublishStream} (100 per request, 16 requests in
 * flight), then a subscriber starts from EARLIEST and reads everything the log holds, keeping its credit topped up
 * (1,000 outstanding, at most 100 per FetchRequest as the contract allows), until the last seeded event arrives.
 */
final class ReplayScenario {

	private static final int PER_REQUEST = 100;

	private static final int IN_FLIGHT = 16;

	private static final int CREDIT = 1_000;

	private final BenchOptions options;

	ReplayScenario(BenchOptions options) {
		this.options = options;
	}

	void run(Report report) throws Exception {
		URI grpc = this.options.grpc();
		if (grpc == null) {
			Report.progress("replay: skipped (needs --grpc)");
			return;
		}
		int seed = this.options.quick() ? 10_000 : 100_000;
		Metadata auth = PubSubTestClient.auth(this.options.token(), this.options.orgId());
		try (PubSubTestClient client = PubSubTestClient.connect(grpc.getHost(), grpc.getPort(),
				this.options.grpcCertificate())) {
			TopicInfo topic = client.blocking(auth)
				.getTopic(TopicRequest.newBuilder().setTopicName(this.options.topic()).build());
			Schema schema = new Schema.Parser().parse(client.blocking(auth)
				.getSchema(SchemaRequest.newBuilder().setSchemaId(topic.getSchemaId()).build())
				.getSchemaJson());
			Report.progress("replay: seeding " + seed + " events");
			long seedStart = System.nanoTime();
			long lastReplayId = seed(client, auth, topic.getSchemaId(), schema, seed);
			double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
			Report.progress(String.format("  seeded in %.1f s; reading from EARLIEST", seedSeconds));
			CatchUp catchUp = catchUp(client, auth, lastReplayId);
			Report.progress(String.format("  %,d events in %.1f s", catchUp.events(), catchUp.seconds()));
			report.line("## Replay catch-up from EARLIEST");
			report.line("");
			report.line("The topic was seeded with " + String.format("%,d", seed) + " events over `PublishStream` ("
					+ PER_REQUEST + " per request, " + IN_FLIGHT + " requests in flight); a subscriber then read the "
					+ "whole log from EARLIEST (the seeded events plus those of the scenarios before) with " + CREDIT
					+ " events of credit outstanding.");
			report.line("");
			report.row("events seeded", "seed events/s", "events replayed", "replay seconds", "replay events/s");
			report.row("---:", "---:", "---:", "---:", "---:");
			report.row(String.format("%,d", seed), String.format("%,.0f", seed / seedSeconds),
					String.format("%,d", catchUp.events()), String.format("%.1f", catchUp.seconds()),
					String.format("%,.0f", catchUp.events() / catchUp.seconds()));
			report.flush();
		}
	}

	/** Publishes {@code count} events; answers the highest replay id handed out. */
	private long seed(PubSubTestClient client, Metadata auth, String schemaId, Schema schema, int count)
			throws Exception {
		byte[] payload = payload(schema);
		Semaphore window = new Semaphore(IN_FLIGHT);
		AtomicLong highest = new AtomicLong();
		AtomicLong failures = new AtomicLong();
		CompletableFuture<Void> done = new CompletableFuture<>();
		StreamObserver<PublishRequest> publish = client.async(auth).publishStream(new StreamObserver<>() {

			@Override
			public void onNext(PublishResponse response) {
				for (PublishResult result : response.getResultsList()) {
					if (result.hasError()) {
						failures.incrementAndGet();
					}
					else {
						highest.accumulateAndGet(PubSubTestClient.replayId(result.getReplayId()), Math::max);
					}
				}
				window.release();
			}

			@Override
			public void onError(Throwable error) {
				done.completeExceptionally(error);
				window.release(IN_FLIGHT);
			}

			@Override
			public void onCompleted() {
				done.complete(null);
			}

		});
		ByteString bytes = ByteString.copyFrom(payload);
		for (int sent = 0; sent < count && !done.isDone(); sent += PER_REQUEST) {
			if (!window.tryAcquire(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("PublishStream stalled");
			}
			PublishRequest.Builder request = PublishRequest.newBuilder().setTopicName(this.options.topic());
			for (int i = 0; i < Math.min(PER_REQUEST, count - sent); i++) {
				request.addEvents(ProducerEvent.newBuilder()
					.setId(PartnerRequests.uuid())
					.setSchemaId(schemaId)
					.setPayload(bytes));
			}
			publish.onNext(request.build());
		}
		if (!window.tryAcquire(IN_FLIGHT, 120, TimeUnit.SECONDS)) {
			throw new IllegalStateException("PublishStream did not answer every request");
		}
		publish.onCompleted();
		done.get(30, TimeUnit.SECONDS);
		if (failures.get() > 0) {
			throw new IllegalStateException(failures.get() + " events were refused");
		}
		return highest.get();
	}

	private CatchUp catchUp(PubSubTestClient client, Metadata auth, long lastReplayId) throws Exception {
		AtomicLong events = new AtomicLong();
		CompletableFuture<Long> reached = new CompletableFuture<>();
		String topic = this.options.topic();
		StreamObserver<FetchRequest>[] requests = new StreamObserver[1];
		long start = System.nanoTime();
		requests[0] = client.async(auth).subscribe(new StreamObserver<FetchResponse>() {

			@Override
			public void onNext(FetchResponse response) {
				int n = response.getEventsCount();
				events.addAndGet(n);
				if (n > 0) {
					long last = PubSubTestClient.replayId(response.getEvents(n - 1).getReplayId());
					if (last >= lastReplayId) {
						reached.complete(System.nanoTime());
						return;
					}
					synchronized (requests) {
						requests[0].onNext(FetchRequest.newBuilder().setTopicName(topic).setNumRequested(n).build());
					}
				}
			}

			@Override
			public void onError(Throwable error) {
				reached.completeExceptionally(error);
			}

			@Override
			public void onCompleted() {
				reached.completeExceptionally(new IllegalStateException("the stream ended"));
			}

		});
		synchronized (requests) {
			for (int i = 0; i < CREDIT / 100; i++) {
				requests[0].onNext(PubSubTestClient.fetch(topic, ReplayPreset.EARLIEST, 0, 100));
			}
		}
		long end = reached.get(180, TimeUnit.SECONDS);
		synchronized (requests) {
			requests[0].onCompleted();
		}
		return new CatchUp(events.get(), (end - start) / 1e9);
	}

	/** An event as big as an agent reply's: the fields the topic's schema has, with an entry-sized payload. */
	private static byte[] payload(Schema schema) {
		GenericRecord record = new GenericData.Record(schema);
		for (Schema.Field field : schema.getFields()) {
			switch (field.name()) {
				case "CreatedDate" -> record.put(field.name(), System.currentTimeMillis());
				case "CreatedById" -> record.put(field.name(), "005000000000000AAA");
				case "EventType__c" -> record.put(field.name(), "Interaction");
				case "Payload__c" -> record.put(field.name(), "{\"conversationIdentifier\":\""
						+ PartnerRequests.uuid() + "\",\"entryType\":\"Message\",\"text\":\""
						+ "Seeded by the benchmark ".repeat(12) + "\"}");
				default -> record.put(field.name(), null);
			}
		}
		return AvroDatum.write(record);
	}

	private record CatchUp(long events, double seconds) {
	}

}
