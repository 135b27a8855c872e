package org.byoc.interaction.outbound;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON texts that go into an event's custom fields (contract §D.2–D.4), with field names and order exactly as
 * the contract writes them. The entry's own payload arrives as JSON text and is embedded as an object.
 */
final class EventPayloads {

	static final String INTERACTION = "Interaction";

	static final String ROUTING_REQUESTED = "RoutingRequested";

	private final JsonMapper json;

	EventPayloads(JsonMapper json) {
		this.json = json;
	}

	/** The current structure's {@code Interaction} payload: the InteractionEvent envelope. */
	String interactionEvent(String conversationIdentifier, String channelAddressIdentifier, Participant recipient,
			ConversationEntry entry) {
		ObjectNode event = this.json.createObjectNode();
		event.put("conversationIdentifier", conversationIdentifier);
		event.put("channelAddressIdentifier", channelAddressIdentifier);
		event.set("recipient", participantNode(recipient));
		event.set("payload", conversationEntryNode(entry));
		return this.json.writeValueAsString(event);
	}

	/** The current structure's {@code RoutingRequested} payload. */
	String routingRequested(String channelAddressIdentifier, Participant recipient, String routingPayloadJson) {
		ObjectNode event = this.json.createObjectNode();
		event.put("channelAddressIdentifier", channelAddressIdentifier);
		event.set("recipient", participantNode(recipient));
		event.set("payload", object(routingPayloadJson, "routing payload"));
		return this.json.writeValueAsString(event);
	}

	/** The legacy structure's payload field: the ConversationEntry itself. */
	String conversationEntry(ConversationEntry entry) {
		return this.json.writeValueAsString(conversationEntryNode(entry));
	}

	/** The legacy structure's recipient field. */
	String participant(Participant participant) {
		return this.json.writeValueAsString(participantNode(participant));
	}

	private ObjectNode conversationEntryNode(ConversationEntry entry) {
		ObjectNode node = this.json.createObjectNode();
		node.put("identifier", entry.identifier());
		node.put("entryType", entry.entryType());
		node.set("entryPayload", object(entry.entryPayloadJson(), "entryPayloadJson"));
		node.set("sender", participantNode(entry.sender()));
		if (entry.senderDisplayName() != null) {
			node.put("senderDisplayName", entry.senderDisplayName());
		}
		if (entry.recipients() != null) {
			ObjectNode recipients = node.putObject("recipients");
			recipients(recipients, "primary", entry.recipients().primary());
			recipients(recipients, "secondary", entry.recipients().secondary());
			recipients(recipients, "hidden", entry.recipients().hidden());
		}
		node.put("transcriptedTimestamp", entry.transcriptedTimestamp());
		node.put("clientTimestamp", entry.clientTimestamp());
		node.put("clientDuration", entry.clientDuration());
		return node;
	}

	private static void recipients(ObjectNode recipients, String kind, List<Recipients.Recipient> list) {
		ArrayNode items = recipients.putArray(kind);
		for (Recipients.Recipient recipient : list) {
			ObjectNode item = items.addObject();
			item.put("identifier", recipient.identifier());
			if (recipient.displayName() != null) {
				item.put("displayName", recipient.displayName());
			}
			if (recipient.contact() != null) {
				item.put("contact", recipient.contact());
			}
		}
	}

	private ObjectNode participantNode(Participant participant) {
		ObjectNode node = this.json.createObjectNode();
		node.put("appType", participant.appType());
		node.put("subject", participant.subject());
		node.put("role", participant.role());
		return node;
	}

	private JsonNode object(String text, String what) {
		JsonNode node = (text != null) ? this.json.readTree(text) : null;
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException(what + " must be a JSON object, was: " + text);
		}
		return node;
	}

}
