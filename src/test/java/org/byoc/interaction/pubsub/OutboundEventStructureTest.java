package org.byoc.interaction.pubsub;

import org.byoc.interaction.support.PubSubTestClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import io.grpc.Metadata;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import org.byoc.interaction.outbound.ConversationEntry;
import org.byoc.interaction.outbound.OutboundEvents.PublishedEvent;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.support.PubSubTestClient.SubscribeStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both event structures, field by field against contract §D, as a partner decodes them: the payload with the schema
 * GetSchema returns for the event's own schema id.
 */
class OutboundEventStructureTest extends PubSubTestSupport {

	static final Duration WAIT = Duration.ofSeconds(10);

	static final String ENTRY_ID = "2b5b3f0a-9d0c-4c58-9f6e-0c8d7a3b1e11";

	static final String ENTRY_PAYLOAD = "{\"entryType\":\"Message\",\"id\":\"" + ENTRY_ID + "\",\"abstractMessage\":"
			+ "{\"messageType\":\"StaticContentMessage\",\"id\":\"" + ENTRY_ID + "\",\"staticContent\":"
			+ "{\"formatType\":\"Text\",\"text\":\"Hello from Ada\"}},\"messageReason\":null}";

	static final ConversationEntry ENTRY = new ConversationEntry(ENTRY_ID, "Message", ENTRY_PAYLOAD,
			Participant.agent("0055g00000AgEnT"), "Ada Agent", 1_700_000_000_123L, 1_700_000_000_100L, 0L);

	static final String ENTRY_JSON = "{\"identifier\":\"" + ENTRY_ID + "\",\"entryType\":\"Message\",\"entryPayload\":"
			+ ENTRY_PAYLOAD + ",\"sender\":{\"appType\":\"agent\",\"subject\":\"0055g00000AgEnT\",\"role\":\"Agent\"},"
			+ "\"senderDisplayName\":\"Ada Agent\",\"transcriptedTimestamp\":1700000000123,"
			+ "\"clientTimestamp\":1700000000100,\"clientDuration\":0}";

	@Test
	void whenTheChannelUsesTheCurrentStructureThenAnInteractionCarriesTheInteractionEventEnvelope() {
		String conversation = UUID.randomUUID().toString();
		Received received = receiveAfter(acme(), ACME_TOPIC,
				() -> this.outboundEvents.publishInteraction(acmeChannel(), conversation, ACME_ADDRESS,
						Participant.endUser("end-user-7"), ENTRY));

		assertThat(received.schema().getFullName()).isEqualTo("com.sforce.eventbus.BYOC_Outbound__e");
		assertSchemaFields(received.schema(), "EventType__c", "Payload__c", "ChannelAddressIdentifier__c",
				"Recipient__c");
		assertCreated(received.record(), ACME_INTEGRATION_USER);
		assertThat(string(received.record(), "EventType__c")).isEqualTo("Interaction");
		assertThat(string(received.record(), "Payload__c")).isEqualTo("{\"conversationIdentifier\":\"" + conversation
				+ "\",\"channelAddressIdentifier\":\"" + ACME_ADDRESS + "\",\"recipient\":{\"appType\":\"custom\","
				+ "\"subject\":\"end-user-7\",\"role\":\"EndUser\"},\"payload\":" + ENTRY_JSON + "}");
		assertThat(received.record().get("ChannelAddressIdentifier__c")).isNull();
		assertThat(received.record().get("Recipient__c")).isNull();
	}

	@Test
	void whenTheChannelUsesTheCurrentStructureThenRoutingRequestedCarriesItsPayloadAndEventType() {
		String routing = "{\"conversationIdentifier\":\"c-1\",\"routingType\":\"Transfer\",\"workRecordId\":"
				+ "\"0Mw5g000000AbCd\",\"routingParameters\":{\"queueId\":\"00G5g000001AbCd\",\"isTransfer\":true,"
				+ "\"channelData\":\"{\\\"eventId\\\":\\\"e-1\\\"}\"}}";
		Received received = receiveAfter(acme(), ACME_TOPIC, () -> this.outboundEvents
			.publishRoutingRequested(acmeChannel(), ACME_ADDRESS, Participant.endUser("end-user-7"), routing));

		assertCreated(received.record(), ACME_INTEGRATION_USER);
		assertThat(string(received.record(), "EventType__c")).isEqualTo("RoutingRequested");
		assertThat(string(received.record(), "Payload__c")).isEqualTo("{\"channelAddressIdentifier\":\"" + ACME_ADDRESS
				+ "\",\"recipient\":{\"appType\":\"custom\",\"subject\":\"end-user-7\",\"role\":\"EndUser\"},"
				+ "\"payload\":" + routing + "}");
	}

	@Test
	void whenTheChannelUsesTheLegacyStructureThenAddressEntryAndRecipientGoToTheirOwnFields() {
		Received received = receiveAfter(globex(), GLOBEX_TOPIC,
				() -> this.outboundEvents.publishInteraction(globexChannel(), UUID.randomUUID().toString(),
						GLOBEX_ADDRESS, Participant.endUser("end-user-9"), ENTRY));

		assertThat(received.schema().getFullName()).isEqualTo("com.sforce.eventbus.my__event__e");
		assertSchemaFields(received.schema(), "my__event__payloadField__c", "my__event__chnlAddrIdField__c",
				"my__event__recipientField__c");
		assertCreated(received.record(), "0055g00000GlObX");
		assertThat(string(received.record(), "my__event__chnlAddrIdField__c")).isEqualTo(GLOBEX_ADDRESS);
		assertThat(string(received.record(), "my__event__payloadField__c")).isEqualTo(ENTRY_JSON);
		assertThat(string(received.record(), "my__event__recipientField__c"))
			.isEqualTo("{\"appType\":\"custom\",\"subject\":\"end-user-9\",\"role\":\"EndUser\"}");
	}

	@Test
	void whenTheLegacyStructureIsAskedForRoutingRequestedOrTheChannelHasNoEventThenNothingIsPublished() {
		PublishedEvent legacyRouting = this.transactions.execute((s) -> this.outboundEvents
			.publishRoutingRequested(globexChannel(), GLOBEX_ADDRESS, Participant.endUser("end-user-9"), "{}"));
		PublishedEvent quiet = this.transactions.execute((s) -> this.outboundEvents.publishInteraction(
				this.setup.channel(ACME, "Quiet_Channel").orElseThrow(), "c", "0a0a0a0a-0d89-4338-b14a-172ad203f22a",
				Participant.endUser("u"), ENTRY));
		assertThat((Object) legacyRouting).isEqualTo(PublishedEvent.NONE);
		assertThat((Object) quiet).isEqualTo(PublishedEvent.NONE);
	}

	@Test
	void whenThePublishingTransactionRollsBackThenTheEventNeverExists() {
		try (SubscribeStream stream = this.client.subscribe(acme())) {
			stream.request(PubSubTestClient.fetch(ACME_TOPIC, ReplayPreset.LATEST, 0, 10));
			PubSubSubscribeTest.awaitKeepalive(stream);
			String rolledBack = this.transactions.execute((status) -> {
				String id = this.outboundEvents.publishInteraction(acmeChannel(), "c", ACME_ADDRESS,
						Participant.endUser("u"), ENTRY).eventId();
				status.setRollbackOnly();
				return id;
			});
			String committed = publishAgentText("kept").eventId();
			List<ConsumerEvent> events = stream.events(1, WAIT);
			assertThat(events).extracting((e) -> e.getEvent().getId()).containsExactly(committed);
			assertThat(rolledBack).isNotEqualTo(committed);
		}
	}

	private Received receiveAfter(Metadata headers, String topic, java.util.function.Supplier<PublishedEvent> publish) {
		try (SubscribeStream stream = this.client.subscribe(headers)) {
			stream.request(PubSubTestClient.fetch(topic, ReplayPreset.LATEST, 0, 10));
			PubSubSubscribeTest.awaitKeepalive(stream);
			PublishedEvent published = this.transactions.execute((s) -> publish.get());
			assertThat(published.topicName()).isEqualTo(topic);
			ConsumerEvent event = stream.events(1, WAIT).get(0);
			assertThat(event.getEvent().getId()).isEqualTo(published.eventId());
			String schemaJson = this.client.blocking(headers)
				.getSchema(SchemaRequest.newBuilder().setSchemaId(event.getEvent().getSchemaId()).build())
				.getSchemaJson();
			return new Received(new Schema.Parser().parse(schemaJson),
					PubSubTestClient.decode(schemaJson, event.getEvent().getPayload()));
		}
	}

	private static void assertSchemaFields(Schema schema, String... customFields) {
		assertThat(schema.getFields()).extracting(Schema.Field::name)
			.containsExactlyElementsOf(concat(List.of("CreatedDate", "CreatedById"), List.of(customFields)));
		assertThat(schema.getField("CreatedDate").schema().getType()).isEqualTo(Schema.Type.LONG);
		assertThat(schema.getField("CreatedById").schema().getType()).isEqualTo(Schema.Type.STRING);
		for (String field : customFields) {
			Schema.Field f = schema.getField(field);
			assertThat(f.schema().getTypes()).extracting(Schema::getType)
				.containsExactly(Schema.Type.NULL, Schema.Type.STRING);
			assertThat(f.hasDefaultValue()).isTrue();
			assertThat(f.defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
		}
	}

	private static void assertCreated(GenericRecord record, String createdById) {
		assertThat((Long) record.get("CreatedDate")).isBetween(System.currentTimeMillis() - 60_000,
				System.currentTimeMillis());
		assertThat(string(record, "CreatedById")).isEqualTo(createdById);
	}

	private static String string(GenericRecord record, String field) {
		Object value = record.get(field);
		return (value != null) ? value.toString() : null;
	}

	private static List<String> concat(List<String> a, List<String> b) {
		return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
	}

	private record Received(Schema schema, GenericRecord record) {
	}

}
