package org.byoc.interaction.apispec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.networknt.schema.dialect.Dialects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import org.byoc.interaction.setup.Channel.OutboundEventDefinition;
import org.byoc.interaction.setup.Channel.OutboundEventDefinition.Structure;

/**
 * Checks outbound events against {@code openapi/outbound-custom-event-payload.yaml}. The event's structure and
 * event type pick the spec's message ({@code Interaction}, {@code RoutingRequested}, {@code LegacyInteraction});
 * the Avro record must have the message's platform fields with the same types and only nullable string custom
 * fields; and each custom field the message names ({@code x-setup-field}) must hold what its {@code x-json-schema}
 * (JSON text) or {@code x-value-schema} (plain text) describes. Schemas are read as the AsyncAPI default schema
 * format (a JSON Schema draft 7 superset).
 */
public final class OutboundEventContract {

	public static final Path SPEC = Path.of("openapi", "outbound-custom-event-payload.yaml");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SpecDocument spec;

	private OutboundEventContract(SpecDocument spec) {
		this.spec = spec;
	}

	public static OutboundEventContract load() {
		return new OutboundEventContract(SpecDocument.load(SPEC, Dialects.getDraft7()));
	}

	/** The spec's message names. */
	public List<String> messages() {
		List<String> names = new ArrayList<>();
		this.spec.root().path("components").path("messages").propertyNames().forEach(names::add);
		return names;
	}

	/**
	 * What in the event disagrees with the spec.
	 * @param eventId for the report
	 * @param record the decoded Avro record, with the schema it was written with
	 * @param definition the channel's outbound event definition: structure and custom field names
	 */
	public List<String> validate(String eventId, GenericRecord record, OutboundEventDefinition definition) {
		List<String> violations = new ArrayList<>();
		String label = "event " + eventId + " on /event/" + record.getSchema().getName();
		Map<String, String> fieldNames = Map.of("payloadField", nullToEmpty(definition.payloadField()),
				"eventTypeField", nullToEmpty(definition.eventTypeField()), "channelAddressIdField",
				nullToEmpty(definition.channelAddressIdField()), "recipientField",
				nullToEmpty(definition.recipientField()));
		String message;
		if (definition.structure() == Structure.legacy) {
			message = "LegacyInteraction";
		}
		else {
			Object eventType = field(record, fieldNames.get("eventTypeField"));
			message = (eventType != null) ? eventType.toString() : null;
			if (message == null || !this.spec.root().path("components").path("messages").has(message)) {
				violations.add(label + ": event type " + message + " is not a message of the spec " + messages());
				return violations;
			}
		}
		JsonNode avro = this.spec.root().path("components").path("messages").path(message).path("payload")
			.path("schema");
		violations.addAll(checkRecord(label, record.getSchema(), avro));
		for (JsonNode field : avro.path("fields")) {
			if (!field.has("x-setup-field")) {
				continue;
			}
			String name = fieldNames.get(field.get("x-setup-field").asString());
			String what = label + " (" + message + "), field " + name;
			Object value = field(record, name);
			if (value == null) {
				violations.add(what + ": missing or null");
				continue;
			}
			if (field.has("x-json-schema")) {
				JsonNode json;
				try {
					json = JSON.readTree(value.toString());
				}
				catch (JacksonException ex) {
					violations.add(what + ": not JSON text");
					continue;
				}
				String pointer = SpecDocument.refPointer(field.get("x-json-schema").asString());
				this.spec.validate(pointer, json).forEach((problem) -> violations.add(what + " " + problem));
			}
			if (field.has("x-value-schema")) {
				String pointer = SpecDocument.refPointer(field.get("x-value-schema").asString());
				this.spec.validate(pointer, JsonNodeFactory.instance.stringNode(value.toString()))
					.forEach((problem) -> violations.add(what + " " + problem));
			}
		}
		return violations;
	}

	/** Platform fields typed as the spec's record; every other field a nullable string like its custom fields. */
	private static List<String> checkRecord(String label, Schema actual, JsonNode avro) {
		List<String> violations = new ArrayList<>();
		Schema expected = new Schema.Parser().parse(avro.toString());
		if (!expected.getNamespace().equals(actual.getNamespace())) {
			violations.add(label + ": record namespace " + actual.getNamespace() + ", the spec has "
					+ expected.getNamespace());
		}
		Schema customField = null;
		for (Schema.Field field : expected.getFields()) {
			if (avro.path("fields").get(expected.getFields().indexOf(field)).has("x-setup-field")) {
				customField = field.schema();
				continue;
			}
			Schema.Field present = actual.getField(field.name());
			if (present == null || !present.schema().equals(field.schema())) {
				violations.add(label + ": platform field " + field.name() + " is "
						+ ((present != null) ? present.schema() : "missing") + ", the spec has " + field.schema());
			}
		}
		for (Schema.Field field : actual.getFields()) {
			if (expected.getField(field.name()) == null || avro.path("fields")
				.get(expected.getFields().indexOf(expected.getField(field.name())))
				.has("x-setup-field")) {
				if (customField != null && !field.schema().equals(customField)) {
					violations.add(label + ": custom field " + field.name() + " is " + field.schema()
							+ ", the spec's custom fields are " + customField);
				}
			}
		}
		return violations;
	}

	private static Object field(GenericRecord record, String name) {
		if (name == null || name.isEmpty() || record.getSchema().getField(name) == null) {
			return null;
		}
		return record.get(name);
	}

	private static String nullToEmpty(String value) {
		return (value != null) ? value : "";
	}

}
