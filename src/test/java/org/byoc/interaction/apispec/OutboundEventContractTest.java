package org.byoc.interaction.apispec;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import org.byoc.interaction.setup.Channel.OutboundEventDefinition;
import org.byoc.interaction.setup.Channel.OutboundEventDefinition.Structure;

import static org.assertj.core.api.Assertions.assertThat;

/** The event check itself: a conforming event passes, events that break the AsyncAPI spec are reported. */
class OutboundEventContractTest {

	private static final OutboundEventContract contract = OutboundEventContract.load();

	private static final OutboundEventDefinition CURRENT = new OutboundEventDefinition("Partner_Event__e",
			Structure.current, "Payload__c", "EventType__c", null, null);

	private static final OutboundEventDefinition LEGACY = new OutboundEventDefinition("Partner_Event__e",
			Structure.legacy, "Payload__c", null, "ChannelAddressIdentifier__c", "Recipient__c");

	private static final Schema SCHEMA = SchemaBuilder.record("Partner_Event__e")
		.namespace("com.sforce.eventbus")
		.fields()
		.name("CreatedDate").type().longType().noDefault()
		.name("CreatedById").type().stringType().noDefault()
		.name("EventType__c").type().optional().stringType()
		.name("Payload__c").type().optional().stringType()
		.name("ChannelAddressIdentifier__c").type().optional().stringType()
		.name("Recipient__c").type().optional().stringType()
		.endRecord();

	private static final String ENTRY = """
			{"identifier":"4c7d1f0e-9a55-4f3c-b7a2-0f1e2d3c4b5a","entryType":"Message",
			 "entryPayload":{"entryType":"Message","id":"4c7d1f0e-9a55-4f3c-b7a2-0f1e2d3c4b5a",
			  "abstractMessage":{"id":"4c7d1f0e-9a55-4f3c-b7a2-0f1e2d3c4b5a","messageType":"StaticContentMessage",
			   "staticContent":{"formatType":"Text","text":"How can I help?"}},"messageReason":null},
			 "sender":{"appType":"agent","subject":"005SB00000A1b2C","role":"Agent"},"senderDisplayName":"Rep",
			 "transcriptedTimestamp":1700000000000,"clientTimestamp":1700000000000,"clientDuration":0}""";

	private static final String RECIPIENT = "{\"appType\":\"custom\",\"subject\":\"+15550100\",\"role\":\"EndUser\"}";

	@Test
	void whenAnInteractionEventConformsThenNothingIsReported() {
		assertThat(contract.validate("e-1", current("Interaction", interactionEvent(ENTRY)), CURRENT)).isEmpty();
	}

	@Test
	void whenAnEntryPayloadBreaksTheSchemaThenTheCheckReportsIt() {
		String broken = ENTRY.replace("\"text\":\"How can I help?\"", "\"body\":\"How can I help?\"");

		List<String> violations = contract.validate("e-2", current("Interaction", interactionEvent(broken)), CURRENT);

		assertThat(violations).anyMatch((v) -> v.contains("e-2") && v.contains("Payload__c"));
	}

	@Test
	void whenAnEntryTypeIsNotInTheSpecThenTheCheckReportsIt() {
		String unknown = ENTRY.replace("\"entryType\":\"Message\",\n \"entryPayload\"",
				"\"entryType\":\"Broadcast\",\n \"entryPayload\"");

		assertThat(unknown).contains("Broadcast");
		assertThat(contract.validate("e-3", current("Interaction", interactionEvent(unknown)), CURRENT))
			.anyMatch((v) -> v.contains("entryType"));
	}

	@Test
	void whenTheEventTypeIsUnknownThenTheCheckReportsIt() {
		assertThat(contract.validate("e-4", current("Broadcast", interactionEvent(ENTRY)), CURRENT))
			.anyMatch((v) -> v.contains("event type Broadcast is not a message of the spec"));
	}

	@Test
	void whenALegacyEventConformsThenNothingIsReportedAndABrokenRecipientIs() {
		GenericRecord good = legacy(ENTRY, RECIPIENT);
		GenericRecord broken = legacy(ENTRY, "{\"appType\":\"custom\",\"subject\":\"+15550100\"}");

		assertThat(contract.validate("e-5", good, LEGACY)).isEmpty();
		assertThat(contract.validate("e-6", broken, LEGACY))
			.anyMatch((v) -> v.contains("Recipient__c") && v.contains("role"));
	}

	@Test
	void whenAPlatformFieldHasAnotherTypeThenTheCheckReportsIt() {
		Schema wrong = SchemaBuilder.record("Partner_Event__e")
			.namespace("com.sforce.eventbus")
			.fields()
			.name("CreatedDate").type().stringType().noDefault()
			.name("CreatedById").type().stringType().noDefault()
			.name("EventType__c").type().optional().stringType()
			.name("Payload__c").type().optional().stringType()
			.endRecord();
		GenericRecord record = new GenericData.Record(wrong);
		record.put("CreatedDate", "yesterday");
		record.put("CreatedById", "005SB00000A1b2C");
		record.put("EventType__c", "Interaction");
		record.put("Payload__c", interactionEvent(ENTRY));

		assertThat(contract.validate("e-7", record, CURRENT)).anyMatch((v) -> v.contains("platform field CreatedDate"));
	}

	private static String interactionEvent(String entry) {
		return "{\"conversationIdentifier\":\"0b7c5a4e-1f55-4f7e-9d1e-7b0c9a2e3f10\","
				+ "\"channelAddressIdentifier\":\"b0ffeafe-0d89-4338-b14a-172ad203f22a\",\"recipient\":" + RECIPIENT
				+ ",\"payload\":" + entry + "}";
	}

	private static GenericRecord current(String eventType, String payload) {
		GenericRecord record = platform();
		record.put("EventType__c", eventType);
		record.put("Payload__c", payload);
		return record;
	}

	private static GenericRecord legacy(String entry, String recipient) {
		GenericRecord record = platform();
		record.put("Payload__c", entry);
		record.put("ChannelAddressIdentifier__c", "b0ffeafe-0d89-4338-b14a-172ad203f22a");
		record.put("Recipient__c", recipient);
		return record;
	}

	private static GenericRecord platform() {
		GenericRecord record = new GenericData.Record(SCHEMA);
		record.put("CreatedDate", 1700000000000L);
		record.put("CreatedById", "005SB00000A1b2C");
		return record;
	}

}
