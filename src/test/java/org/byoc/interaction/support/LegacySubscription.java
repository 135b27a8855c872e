package org.byoc.interaction.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import io.grpc.Metadata;
import org.apache.avro.generic.GenericRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A partner's subscription to a channel publishing the legacy (deprecated) structure: {@code Payload__c} holds the
 * ConversationEntry itself, {@code ChannelAddressIdentifier__c} and {@code Recipient__c} sit beside it, and there is
 * no event type. A legacy entry names no conversation, so events are matched by their recipient (the end user).
 */
public final class LegacySubscription implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final PubSubTestClient client;

	private final Metadata auth;

	private final PubSubTestClient.SubscribeStream stream;

	private final Map<String, String> schemas = new HashMap<>();

	private final List<LegacyEvent> received = new ArrayList<>();

	private LegacySubscription(PubSubTestClient client, Metadata auth, String topic) {
		this.client = client;
		this.auth = auth;
		this.stream = client.subscribe(auth);
		this.stream.request(PubSubTestClient.fetch(topic, ReplayPreset.EARLIEST, 0, 100));
	}

	public static LegacySubscription earliest(int grpcPort, Path trustedCertificate, String accessToken,
			String tenantId, String topic) {
		return new LegacySubscription(PubSubTestClient.connect("localhost", grpcPort, trustedCertificate),
				PubSubTestClient.auth(accessToken, tenantId), topic);
	}

	/** Waits until {@code count} events for the end user arrived; answers them in replay order. */
	public synchronized List<LegacyEvent> await(String endUserClientId, int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			List<LegacyEvent> matching = this.received.stream()
				.filter((event) -> endUserClientId.equals(event.recipient().path("subject").asString()))
				.toList();
			if (matching.size() >= count) {
				return matching;
			}
			long left = deadline - System.nanoTime();
			FetchResponse response = (left > 0) ? this.stream.next(Duration.ofNanos(left)) : null;
			if (response == null) {
				throw new AssertionError("expected " + count + " legacy events for " + endUserClientId + ", got "
						+ matching);
			}
			for (ConsumerEvent event : response.getEventsList()) {
				this.received.add(decode(event));
			}
			if (response.getPendingNumRequested() < 10) {
				this.stream.request(FetchRequest.newBuilder().setNumRequested(100).build());
			}
		}
	}

	private LegacyEvent decode(ConsumerEvent event) {
		String schemaId = event.getEvent().getSchemaId();
		String schema = this.schemas.computeIfAbsent(schemaId, (id) -> this.client.blocking(this.auth)
			.getSchema(SchemaRequest.newBuilder().setSchemaId(id).build())
			.getSchemaJson());
		GenericRecord record = PubSubTestClient.decode(schema, event.getEvent().getPayload());
		return new LegacyEvent(PubSubTestClient.replayId(event.getReplayId()), event.getEvent().getId(),
				String.valueOf(record.get("ChannelAddressIdentifier__c")),
				json.readTree(String.valueOf(record.get("Recipient__c"))),
				json.readTree(String.valueOf(record.get("Payload__c"))), record.getSchema().getField("EventType__c") != null);
	}

	@Override
	public void close() {
		this.stream.close();
		this.client.close();
	}

	/**
	 * One legacy event: the channel address field, the recipient field (a Participant) and the payload field (the
	 * ConversationEntry); {@code hasEventTypeField} tells whether the schema had an event-type field at all.
	 */
	public record LegacyEvent(long replayId, String eventId, String channelAddressIdentifier, JsonNode recipient,
			JsonNode entry, boolean hasEventTypeField) {

		public String entryType() {
			return this.entry.path("entryType").asString();
		}

		public JsonNode entryPayload() {
			return this.entry.path("entryPayload");
		}

	}

}
