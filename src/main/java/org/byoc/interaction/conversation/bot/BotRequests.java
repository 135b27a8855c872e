package org.byoc.interaction.conversation.bot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;
import org.byoc.interaction.conversation.history.ConversationHistories;
import org.byoc.interaction.conversation.inbound.InteractionRequestDecoder;
import org.byoc.interaction.conversation.message.Entry;
import org.byoc.interaction.conversation.message.EntryType;
import org.byoc.interaction.conversation.message.ParticipantFields;
import org.byoc.interaction.conversation.message.SentEntries;
import org.byoc.interaction.outbound.Participant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The typed commands of the bot's endpoints, read from their JSON with the contract's codes: sender role not Chatbot
 * 10038, appType not chatbot 10037, {@code conversationIdentifier} missing 10018, clientTimestamp older than 24 hours
 * or ahead of the clock 10046, the entry 10045 / 10059 / 10060, and the query's own codes for startTime, endTime
 * and limit.
 */
final class BotRequests {

	static final int MAX_ENTRIES_PER_READ = 20;

	private static final int MAX_IDENTIFIER_LENGTH = 240;

	private static final Set<EntryType> BOT_ENTRY_TYPES = Set.of(EntryType.Message, EntryType.TypingStartedIndicator,
			EntryType.TypingStoppedIndicator);

	private BotRequests() {
	}

	/** {@code POST /api/v1/conversationEntry}: one message or typing indicator from the bot to the end user. */
	record SendEntry(String conversationIdentifier, Participant sender, long clientTimestamp, Entry entry) {

		static SendEntry read(JsonFields root) {
			String conversationIdentifier = readConversationIdentifier(root);
			Participant sender = ParticipantFields.read(root.requireObject("sender"));
			requireChatbot(sender, "sender");
			JsonFields item = root.objects("conversationEntries", 1, 1).get(0);
			long clientTimestamp = readClientTimestamp(item);
			Entry entry = SentEntries.read(item, "entryPayload", true, BOT_ENTRY_TYPES);
			return new SendEntry(conversationIdentifier, sender, clientTimestamp, entry);
		}

	}

	/**
	 * {@code GET /api/v1/conversationEntry}: entries between startTime and endTime (both included), at most
	 * {@code limit} (1..20, default 20), from the start or from the end.
	 */
	record EntryQuery(String conversationIdentifier, long startTime, Long endTime, int limit, boolean fromStart) {

		/** The parameters come in a JSON body, as query parameters, or both (the body's fields win). */
		static EntryQuery read(JsonFields body, Map<String, String> query) {
			ObjectNode merged = JsonNodeFactory.instance.objectNode();
			query.forEach(merged::put);
			if (body != null) {
				for (String name : List.of("conversationIdentifier", "startTime", "endTime", "limit", "direction")) {
					JsonNode value = body.raw(name);
					if (value != null) {
						merged.set(name, value);
					}
				}
			}
			JsonFields parameters = JsonFields.of(merged, "", ErrorCode.INVALID_PARAMETERS);
			String conversationIdentifier = readConversationIdentifier(parameters);
			if (parameters.raw("startTime") == null) {
				throw ErrorCode.START_TIME_INVALID.exception("startTime is required: epoch milliseconds, greater than 0.");
			}
			long startTime = parameters.integer("startTime", ErrorCode.START_TIME_INVALID);
			if (startTime <= 0) {
				throw ErrorCode.START_TIME_INVALID.exception("startTime must be greater than 0.");
			}
			Long endTime = parameters.integer("endTime", ErrorCode.END_TIME_INVALID);
			if (endTime != null && endTime <= startTime) {
				throw ErrorCode.END_TIME_INVALID.exception("endTime must be after startTime.");
			}
			Long limit = parameters.integer("limit", ErrorCode.LIMIT_OUT_OF_RANGE);
			if (limit != null && (limit < 1 || limit > MAX_ENTRIES_PER_READ)) {
				throw ErrorCode.LIMIT_OUT_OF_RANGE
					.exception("limit must be between 1 and " + MAX_ENTRIES_PER_READ + ".");
			}
			String direction = parameters.oneOf("direction", Set.of("FROM_START", "FROM_END"));
			return new EntryQuery(conversationIdentifier, startTime, endTime,
					(limit != null) ? limit.intValue() : MAX_ENTRIES_PER_READ, !"FROM_END".equals(direction));
		}

	}

	/**
	 * {@code POST /api/v1/attachment}: the JSON part of a bot's file (its entry id, declared length and caption);
	 * the request must carry exactly one file, at attachmentIndex 0 (10051).
	 */
	record SendFile(String conversationIdentifier, String botId, long clientTimestamp, String id, long contentLength,
			String caption) {

		static SendFile read(JsonFields root, int fileCount) {
			String conversationIdentifier = readConversationIdentifier(root);
			// the vendor's example names the bot by its subject alone
			JsonFields senderFields = root.requireObject("sender");
			String botId;
			if (senderFields.raw("appType") != null || senderFields.raw("role") != null) {
				Participant sender = ParticipantFields.read(senderFields);
				requireChatbot(sender, "sender");
				botId = sender.subject();
			}
			else {
				botId = senderFields.requireNonBlank("subject", ErrorCode.INVALID_PARTICIPANT_SUBJECT,
						ParticipantFields.MAX_SUBJECT_LENGTH);
			}
			JsonFields item = root.objects("conversationEntries", 1, 1).get(0);
			long clientTimestamp = readClientTimestamp(item);
			String id = item.requireNonBlank("id", ErrorCode.FILE_ID_MISSING_ERROR,
					InteractionRequestDecoder.MAX_ID_LENGTH);
			if (item.raw("contentLength") == null) {
				throw ErrorCode.FILE_CONTENT_LENGTH_MISSING.exception(item.path("contentLength") + " is required.");
			}
			long contentLength = item.requireInteger("contentLength");
			Long index = item.integer("attachmentIndex", ErrorCode.ATTACHMENTS_INPUT_ERROR);
			if (contentLength < 0) {
				throw ErrorCode.INVALID_PARAMETERS.exception(item.path("contentLength") + " must not be negative.");
			}
			if (index == null || index < 0 || fileCount != 1 || index >= fileCount) {
				throw ErrorCode.ATTACHMENTS_INPUT_ERROR.exception("The entry needs exactly one file in the attachments "
						+ "part, at its attachmentIndex (0); received " + fileCount + " file(s).");
			}
			return new SendFile(conversationIdentifier, botId, clientTimestamp, id, contentLength, item.string("text"));
		}

	}

	private static void requireChatbot(Participant sender, String path) {
		if (!ParticipantFields.CHATBOT_ROLE.equals(sender.role())) {
			throw ErrorCode.INVALID_PARTICIPANT_ROLE.exception(path + ".role must be 'Chatbot'.");
		}
		if (!ParticipantFields.CHATBOT_APP_TYPE.equals(sender.appType())) {
			throw ErrorCode.INVALID_APP_TYPE.exception(path + ".appType must be 'chatbot'.");
		}
	}

	private static String readConversationIdentifier(JsonFields root) {
		JsonNode value = root.raw("conversationIdentifier");
		if (value == null || !value.isString() || value.stringValue().isBlank()
				|| value.stringValue().length() > MAX_IDENTIFIER_LENGTH) {
			throw ErrorCode.CONVERSATION_IDENTIFIER_INVALID.exception(
					"conversationIdentifier is required: a string of at most " + MAX_IDENTIFIER_LENGTH + " characters.");
		}
		return value.stringValue();
	}

	private static long readClientTimestamp(JsonFields item) {
		long timestamp = item.requireInteger("clientTimestamp");
		Instant now = Instant.now();
		if (timestamp < now.minus(ConversationHistories.MAX_AGE).toEpochMilli()
				|| timestamp > now.plus(ConversationHistories.CLOCK_SKEW).toEpochMilli()) {
			throw ErrorCode.INVALID_ENTRY_TIMESTAMP.exception(item.path("clientTimestamp")
					+ " must be the time the bot sent the entry (epoch milliseconds, within the last 24 hours).");
		}
		return timestamp;
	}

}
