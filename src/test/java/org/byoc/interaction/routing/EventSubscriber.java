package org.byoc.interaction.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A partner's Pub/Sub subscriber: grpc-java over TLS trusting the service's certificate, the vendor's auth
 * metadata, Subscribe from a replay id, payloads decoded with the schema GetSchema names. Each event becomes its
 * event type and its payload field as JSON.
 */
final class EventSubscriber implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ManagedChannel channel;

	private final Metadata headers;

	private final LinkedBlockingQueue<ConsumerEvent> received = new LinkedBlockingQueue<>();

	private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

	private volatile Throwable failure;

	private StreamObserver<FetchRequest> requests;

	private EventSubscriber(ManagedChannel channel, Metadata headers) {
		this.channel = channel;
		this.headers = headers;
	}

	/** Subscribes to the topic for the events after {@code afterReplayId}. */
	static EventSubscriber subscribe(int port, Path trustedCertificate, String accessToken, String orgId,
			String topic, long afterReplayId) {
		ManagedChannel channel;
		try {
			channel = Grpc.newChannelBuilderForAddress("localhost", port,
					TlsChannelCredentials.newBuilder().trustManager(trustedCertificate.toFile()).build())
				.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of("accessToken", Metadata.ASCII_STRING_MARSHALLER), accessToken);
		headers.put(Metadata.Key.of("instanceUrl", Metadata.ASCII_STRING_MARSHALLER), "https://localhost:8085");
		headers.put(Metadata.Key.of("tenantId", Metadata.ASCII_STRING_MARSHALLER), orgId);
		EventSubscriber subscriber = new EventSubscriber(channel, headers);
		subscriber.requests = PubSubGrpc.newStub(channel)
			.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
			.subscribe(subscriber.new Responses());
		subscriber.requests.onNext(FetchRequest.newBuilder()
			.setTopicName(topic)
			.setReplayPreset(ReplayPreset.CUSTOM)
			.setReplayId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(afterReplayId).array()))
			.setNumRequested(100)
			.build());
		return subscriber;
	}

	/**
	 * Waits for {@code count} events that match (others are skipped: the topic is shared by every test), in the
	 * order they arrived.
	 */
	List<Event> await(Predicate<Event> matching, int count, Duration timeout) {
		List<Event> events = new ArrayList<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (events.size() < count) {
			ConsumerEvent next;
			try {
				next = this.received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
			if (next == null) {
				throw new AssertionError("expected " + count + " events, got " + events.size() + ": " + events
						+ ((this.failure != null) ? "; the stream failed: " + this.failure : ""));
			}
			Event event = decode(next);
			if (matching.test(event)) {
				events.add(event);
			}
		}
		return events;
	}

	/** Events of one conversation, whichever of the two event structures' envelopes carries it. */
	static Predicate<Event> of(String conversationIdentifier) {
		return (event) -> conversationIdentifier.equals(event.payload().path("conversationIdentifier").asString(null))
				|| conversationIdentifier
					.equals(event.payload().path("payload").path("conversationIdentifier").asString(null));
	}

	private Event decode(ConsumerEvent consumed) {
		Schema schema = this.schemas.computeIfAbsent(consumed.getEvent().getSchemaId(),
				(id) -> new Schema.Parser().parse(PubSubGrpc.newBlockingStub(this.channel)
					.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(this.headers))
					.withDeadlineAfter(30, TimeUnit.SECONDS)
					.getSchema(SchemaRequest.newBuilder().setSchemaId(id).build())
					.getSchemaJson()));
		GenericRecord record;
		try {
			record = new GenericDatumReader<GenericRecord>(schema).read(null,
					DecoderFactory.get().binaryDecoder(consumed.getEvent().getPayload().toByteArray(), null));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Object type = record.get("EventType__c");
		return new Event(consumed.getEvent().getId(), (type != null) ? type.toString() : null,
				JSON.readTree(record.get("Payload__c").toString()));
	}

	@Override
	public void close() {
		try {
			this.requests.onError(Status.CANCELLED.withDescription("test done").asRuntimeException());
		}
		catch (RuntimeException ex) {
			// the stream is gone already
		}
		this.channel.shutdownNow();
		try {
			this.channel.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** One received event: its UUID, {@code EventType__c} and {@code Payload__c} as JSON. */
	record Event(String eventId, String eventType, JsonNode payload) {

		/** An Interaction event's entry type (the entry's own {@code entryType}). */
		String entryType() {
			return this.payload.path("payload").path("entryType").asString(null);
		}

		JsonNode entryPayload() {
			return this.payload.path("payload").path("entryPayload");
		}

		@Override
		public String toString() {
			return this.eventType + "/" + entryType() + " " + this.payload;
		}

	}

	private final class Responses implements StreamObserver<FetchResponse> {

		@Override
		public void onNext(FetchResponse response) {
			received.addAll(response.getEventsList());
		}

		@Override
		public void onError(Throwable error) {
			failure = error;
		}

		@Override
		public void onCompleted() {
		}

	}

}
