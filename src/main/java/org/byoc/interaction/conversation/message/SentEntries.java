package org.byoc.interaction.conversation.message;

import java.util.Set;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;
import org.byoc.interaction.conversation.inbound.InteractionRequestDecoder;
import tools.jackson.databind.JsonNode;

/**
 * Reads an {@code entryPayload} a participant other than the end user's client sent in (a history transcript's
 * entries, a bot's conversationEntry): an entry type this endpoint accepts (10045 otherwise), its id (10059) equal
 * to the message id (10060), and a message valid for its author (an end user's: §C.2 with 10062; a bot's: static
 * content, choices or forms).
 */
public final class SentEntries {

	private SentEntries() {
	}

	public static Entry read(JsonFields item, String name, boolean bot, Set<EntryType> accepted) {
		JsonNode raw = item.raw(name);
		if (raw == null || !raw.isObject()) {
			throw ErrorCode.INVALID_MESSAGE_ENTRY.exception(item.path(name) + " is required and must be a JSON object.");
		}
		JsonFields payload = item.requireObject(name, ErrorCode.INVALID_PARAMETERS);
		JsonNode typeName = payload.raw("entryType");
		EntryType type = (typeName != null && typeName.isString()) ? EntryType.of(typeName.stringValue()).orElse(null)
				: null;
		if (type == null || !accepted.contains(type)) {
			throw ErrorCode.INVALID_MESSAGE_ENTRY.exception(payload.path("entryType") + " is required and must be one of "
					+ accepted.stream().map(Enum::name).sorted().toList() + ".");
		}
		payload.string("entryType");
		String id = payload.requireNonBlank("id", ErrorCode.ENTRY_ID_MISSING, InteractionRequestDecoder.MAX_ID_LENGTH);
		return switch (type) {
			case Message -> message(payload, id, bot);
			case TypingStartedIndicator -> new TypingStartedIndicator(id, payload.requireInteger("timestamp"));
			case TypingStoppedIndicator -> new TypingStoppedIndicator(id, payload.requireInteger("timestamp"));
			default -> throw new IllegalStateException("Not accepted here: " + type);
		};
	}

	private static Message message(JsonFields payload, String id, boolean bot) {
		JsonFields message = payload.requireObject("abstractMessage", MessageContent.INVALID);
		String messageId = message.requireNonBlank("id", ErrorCode.ENTRY_ID_MISSING,
				InteractionRequestDecoder.MAX_ID_LENGTH);
		if (!messageId.equals(id)) {
			throw ErrorCode.ENTRY_ID_MISMATCH.exception(payload.path("id") + " '" + id + "' and abstractMessage.id '"
					+ messageId + "' must be equal.");
		}
		return new Message(id, bot ? MessageContent.readFromBot(message, id) : MessageContent.read(message, id));
	}

}
