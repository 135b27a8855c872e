package org.byoc.interaction.agent.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.attachment.StoredAttachment;
import org.byoc.interaction.conversation.ConversationSummary;
import org.byoc.interaction.conversation.TranscriptEntry;

/**
 * Turns what the services answer into what the console's templates show: short texts a person reads at a
 * glance, with the raw JSON kept at hand for the entries the console has no special view for.
 */
final class ConsoleViews {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.systemDefault());

	/** Entries agents write for each other: shown, marked private, never as sent to the end user. */
	static final Set<String> PRIVATE_TYPES = Set.of("Note", "FlagRaise", "FlagLower", "ConsultConversationInfo");

	private final JsonMapper json;

	ConsoleViews(JsonMapper json) {
		this.json = json;
	}

	static String time(long epochMillis) {
		return (epochMillis > 0) ? TIME.format(Instant.ofEpochMilli(epochMillis)) : "";
	}

	static String time(Instant instant) {
		return (instant != null) ? TIME.format(instant) : "";
	}

	static String iso(long epochMillis) {
		return (epochMillis > 0) ? Instant.ofEpochMilli(epochMillis).toString() : "";
	}

	ConversationLine line(ConversationSummary summary, String routingState, Function<String, String> names) {
		TranscriptEntry last = summary.lastEntry();
		return new ConversationLine(summary.conversation().conversationIdentifier(),
				summary.conversation().channelDeveloperName(), summary.conversation().endUserClientId(),
				(last != null) ? preview(last, names) : "(no messages yet)", (last != null) ? time(last.transcriptedTimestamp())
						: time(summary.conversation().createdAt()),
				summary.unread(), summary.sessionStatus().name(), routingState, summary.conversation().endUserTyping());
	}

	/** One line of text for the list: who said what. */
	private String preview(TranscriptEntry entry, Function<String, String> names) {
		EntryView view = entry(entry, Map.of(), names);
		String text = (view.text() != null && !view.text().isBlank()) ? view.text() : view.summary();
		String who = PRIVATE_TYPES.contains(entry.entryType()) ? view.summary() + ": "
				: "Agent".equals(entry.sender().role()) ? "You: " : "";
		String line = who + text;
		return (line.length() > 80) ? line.substring(0, 79) + "…" : line;
	}

	/**
	 * A transcript entry; {@code files} are the conversation's stored attachments by id, {@code names} the display
	 * names of the org's users by id (for entries recorded without one).
	 */
	EntryView entry(TranscriptEntry entry, Map<String, StoredAttachment> files, Function<String, String> names) {
		return entry(entry, files, names, null);
	}

	/**
	 * As above, with the entry's receipt: for an end user's message, whether the agents' desk received and read it
	 * (the receipts the partner got); for an agent's, the end user's own latest receipt.
	 */
	EntryView entry(TranscriptEntry entry, Map<String, StoredAttachment> files, Function<String, String> names,
			Receipt receipt) {
		JsonNode payload = readTree(entry.payloadJson());
		String role = entry.sender().role();
		String sender = (entry.senderDisplayName() != null) ? entry.senderDisplayName()
				: "Agent".equals(role) ? names.apply(entry.sender().subject()) : entry.sender().subject();
		String text = null;
		String summary = entry.entryType();
		List<FileView> attachments = new ArrayList<>();
		switch (entry.entryType()) {
			case "Message" -> {
				JsonNode message = payload.path("abstractMessage");
				String messageType = message.path("messageType").asString("");
				JsonNode content = contentOf(message);
				String formatType = content.path("formatType").asString("");
				text = content.path("text").isString() ? content.path("text").asString() : null;
				summary = "StaticContentMessage".equals(messageType) ? formatType : messageType + " " + formatType;
				if ("Consent".equals(payload.path("messageReason").asString(""))) {
					summary = "Consent confirmation";
				}
				for (JsonNode file : content.path("attachments")) {
					String id = file.path("id").asString("");
					StoredAttachment stored = files.get(id);
					attachments.add(new FileView(id, file.path("name").asString("file"),
							file.path("mimeType").asString(""), (stored != null) ? stored.size() : -1,
							file.path("mimeType").asString("").startsWith("image/") && stored != null,
							stored != null));
				}
			}
			case "MessageDeliveryFailed" -> {
				summary = "Delivery failed";
				text = "The partner could not deliver "
						+ payload.path("failedConversationEntryIdentifier").asString("an entry") + ": "
						+ payload.path("errorCode").asString("")
						+ (payload.hasNonNull("errorMessage") ? " (" + payload.get("errorMessage").asString() + ")"
								: "");
			}
			case "Note" -> {
				summary = "Private note";
				text = contentOf(payload.path("abstractMessage")).path("text").asString("");
			}
			case "FlagRaise" -> {
				summary = "Flag raised";
				text = payload.has("abstractMessage")
						? contentOf(payload.path("abstractMessage")).path("text").asString("")
						: "Asks a supervisor for help";
			}
			case "FlagLower" -> {
				summary = "Flag lowered";
				text = "The flag is down again";
			}
			case "ConsultConversationInfo" -> {
				summary = "Consult";
				text = "Opened consult " + payload.path("conversationIdentifier").asString("");
			}
			case "EndUserConsentUpdated" -> {
				summary = "Consent";
				boolean optOut = "OptOut".equals(payload.path("consentStatus").asString());
				text = (optOut ? "Opted out of messages" : "Opted in to messages")
						+ (payload.path("isEndUserInitiated").asBoolean() ? " by the end user" : " by " + sender);
			}
			case "ParticipantChanged" -> {
				JsonNode change = payload.path("entries").path(0);
				String who = change.path("displayName").asString(change.path("participant").path("subject").asString(""));
				text = who + ("remove".equals(change.path("operation").asString()) ? " left" : " joined")
						+ " the conversation";
				summary = "Participant changed";
			}
			default -> {
				// an entry type the console has no view for: the payload is shown as it is
			}
		}
		return new EntryView(entry.entryId(), entry.entryType(), role, sender, "Agent".equals(role),
				"EndUser".equals(role), time(entry.transcriptedTimestamp()), iso(entry.transcriptedTimestamp()), text,
				summary, attachments, entry.deliveryErrorCode(), pretty(payload),
				PRIVATE_TYPES.contains(entry.entryType()), (receipt != null) ? receipt.state() : null,
				(receipt != null) ? receipt.label() : null);
	}

	private static JsonNode contentOf(JsonNode message) {
		for (String field : new String[] { "staticContent", "choices", "choicesResponse", "form", "formResponse" }) {
			if (message.has(field)) {
				return message.get(field);
			}
		}
		return message.path("staticContent");
	}

	private JsonNode readTree(String text) {
		try {
			return this.json.readTree(text);
		}
		catch (RuntimeException ex) {
			return this.json.createObjectNode();
		}
	}

	private String pretty(JsonNode node) {
		return this.json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
	}

	EventView event(OutboundEventFeed.DecodedEvent event) {
		return new EventView(event.replayId(), event.eventId(), event.eventType(), event.entryType(),
				time(event.createdDate()), iso(event.createdDate()), event.fieldsJson(), event.problem());
	}

	/** One conversation in the list. */
	record ConversationLine(String id, String channel, String endUser, String lastMessage, String lastAt,
			int unread, String sessionStatus, String routingState, boolean typing) {
	}

	/**
	 * One transcript entry: its text or summary, its files, whether the partner reported it undelivered, whether it
	 * is for agents only ({@code privateEntry}), and its receipt ({@code receipt} delivered or read, with a label).
	 */
	record EntryView(String id, String entryType, String role, String sender, boolean fromAgent,
			boolean fromEndUser, String time, String isoTime, String text, String summary, List<FileView> files,
			String deliveryError, String payloadJson, boolean privateEntry, String receipt, String receiptLabel) {
	}

	/** A receipt shown next to an entry: {@code state} delivered or read, and what the agent reads. */
	record Receipt(String state, String label) {
	}

	/** A file of a message; {@code stored} is false when the message names a file this service does not hold. */
	record FileView(String id, String name, String mimeType, long size, boolean image, boolean stored) {
	}

	/** An outbound event as the partner decoded it. */
	record EventView(long replayId, String eventId, String eventType, String entryType, String time, String isoTime,
			String fieldsJson, String problem) {
	}

}
