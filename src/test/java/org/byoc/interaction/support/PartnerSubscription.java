package org.byoc.interaction.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import io.grpc.Metadata;
import org.apache.avro.generic.GenericRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A partner's subscription to its channel's outbound events (current structure: {@code Payload__c} and
 * {@code EventType__c}), from the earliest retained event, over gRPC with TLS. Tests wait for the events of one
 * conversation and read them as the partner's middleware would.
 */
public final class PartnerSubscription implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final PubSubTestClient client;

	private final Metadata auth;

	private final PubSubTestClient.SubscribeStream stream;

	private final Map<String, String> schemas = new HashMap<>();

	private final List<OutboundEvent> received = new ArrayList<>();

	private PartnerSubscription(PubSubTestClient client, Metadata auth, String topic) {
		this.client = client;
		this.auth = auth;
		this.stream = client.subscribe(auth);
		this.stream.request(PubSubTestClient.fetch(topic, ReplayPreset.EARLIEST, 0, 100));
	}

	public static PartnerSubscription earliest(int grpcPort, Path trustedCertificate, String accessToken,
			String tenantId, String topic) {
		return new PartnerSubscription(PubSubTestClient.connect("localhost", grpcPort, trustedCertificate),
				PubSubTestClient.auth(accessToken, tenantId), topic);
	}

	/** Waits until {@code count} events of the conversation arrived; answers them in replay order. */
	public synchronized List<OutboundEvent> await(String conversationIdentifier, int count, Duration timeout) {
		return await(conversationIdentifier, (event) -> true, count, timeout);
	}

	/**
	 * Waits until {@code count} events of the conversation that match {@code filter} arrived; answers those in
	 * replay order.
	 */
	public synchronized List<OutboundEvent> await(String conversationIdentifier,
			java.util.function.Predicate<OutboundEvent> filter, int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			List<OutboundEvent> matching = this.received.stream()
				.filter((event) -> conversationIdentifier.equals(event.conversationIdentifier()))
				.filter(filter)
				.toList();
			if (matching.size() >= count) {
				return matching;
			}
			long left = deadline - System.nanoTime();
			FetchResponse response = (left > 0) ? this.stream.next(Duration.ofNanos(left)) : null;
			if (response == null) {
				throw new AssertionError("expected " + count + " events of conversation " + conversationIdentifier
						+ ", got " + matching);
			}
			for (ConsumerEvent event : response.getEventsList()) {
				this.received.add(decode(event));
			}
			if (response.getPendingNumRequested() < 10) {
				this.stream.request(com.salesforce.eventbus.protobuf.FetchRequest.newBuilder()
					.setNumRequested(100)
					.build());
			}
		}
	}

	/**
	 * Waits until the conversation's events so far (in replay order) satisfy {@code condition}; answers them. For
	 * outcomes that settle after the request that caused them answered (the queue router runs after commit).
	 */
	public synchronized List<OutboundEvent> awaitUntil(String conversationIdentifier,
			java.util.function.Predicate<List<OutboundEvent>> condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			List<OutboundEvent> events = this.received.stream()
				.filter((event) -> conversationIdentifier.equals(event.conversationIdentifier()))
				.toList();
			if (condition.test(events)) {
				return events;
			}
			long left = deadline - System.nanoTime();
			FetchResponse response = (left > 0) ? this.stream.next(Duration.ofNanos(left)) : null;
			if (response == null) {
				throw new AssertionError("the events of conversation " + conversationIdentifier
						+ " never met the condition: " + events);
			}
			for (ConsumerEvent event : response.getEventsList()) {
				this.received.add(decode(event));
			}
			if (response.getPendingNumRequested() < 10) {
				this.stream.request(com.salesforce.eventbus.protobuf.FetchRequest.newBuilder()
					.setNumRequested(100)
					.build());
			}
		}
	}

	private OutboundEvent decode(ConsumerEvent event) {
		String schemaId = event.getEvent().getSchemaId();
		String schema = this.schemas.computeIfAbsent(schemaId, (id) -> this.client.blocking(this.auth)
			.getSchema(SchemaRequest.newBuilder().setSchemaId(id).build())
			.getSchemaJson());
		GenericRecord record = PubSubTestClient.decode(schema, event.getEvent().getPayload());
		JsonNode payload = json.readTree(String.valueOf(record.get("Payload__c")));
		return new OutboundEvent(PubSubTestClient.replayId(event.getReplayId()), event.getEvent().getId(),
				String.valueOf(record.get("EventType__c")), payload);
	}

	@Override
	public void close() {
		this.stream.close();
		this.client.close();
	}

	/**
	 * One event as the partner reads it: the event type and the Payload__c JSON (for Interaction events:
	 * {@code conversationIdentifier, channelAddressIdentifier, recipient, payload}).
	 */
	public record OutboundEvent(long replayId, String eventId, String eventType, JsonNode payload) {

		public String conversationIdentifier() {
			JsonNode id = this.payload.get("conversationIdentifier");
			if (id == null) {
				id = this.payload.path("payload").get("conversationIdentifier");
			}
			return (id != null) ? id.asString() : null;
		}

		/** The ConversationEntry's entryType ({@code payload.entryType}). */
		public String entryType() {
			return this.payload.path("payload").path("entryType").asString();
		}

		public JsonNode entryPayload() {
			return this.payload.path("payload").path("entryPayload");
		}

	}

}
