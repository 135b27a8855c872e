package org.byoc.interaction.conversation.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.conversation.message.EntryType;
import org.byoc.interaction.conversation.message.Message;
import org.byoc.interaction.conversation.message.ParticipantFields;
import org.byoc.interaction.conversation.message.SentEntries;
import org.byoc.interaction.outbound.Participant;
import tools.jackson.databind.JsonNode;

import static org.byoc.interaction.conversation.history.ConversationHistories.CLOCK_SKEW;
import static org.byoc.interaction.conversation.history.ConversationHistories.MAX_AGE;

/**
 * The command of {@code POST /api/v1/conversationHistory}: the address, the session to establish or attach to, the
 * participants and the entries, read with the codes {@link ConversationHistories} lists, every entry's timestamps
 * checked against {@code receivedAt}.
 */
public record ImportHistory(String channelAddressIdentifier, SessionRequest session,
		List<HistoryParticipant> participants, List<HistoryEntry> entries, Instant receivedAt) {

	static final int MAX_PARTICIPANTS = 3;

	static final int MAX_ENTRIES = 25;

	private static final Pattern SESSION_ID = Pattern.compile(MessagingSession.KEY_PREFIX + "[0-9A-Za-z]{12}([0-9A-Za-z]{3})?");

	private static final String ESTABLISH = "EstablishMessagingSession";

	private static final String ATTACH = "AttachMessagingSession";

	/**
	 * Reads the request's JSON for {@code org}, its timestamps judged by the clock at {@code now}.
	 * @param org the caller's org as {@link ConversationHistories#historyOrg} admitted it
	 */
	public static ImportHistory read(JsonFields root, Instant now, ConversationHistories.HistoryOrg org) {
		JsonNode address = root.raw("channelAddressIdentifier");
		if (address == null || !address.isString() || address.stringValue().isBlank()) {
			throw ErrorCode.CHANNEL_ADDRESS_CONFIGURATION_INVALID
				.exception("channelAddressIdentifier is required and must be a non-blank string.");
		}
		SessionRequest session = session(root.object("messagingSession"), org, now);
		List<HistoryParticipant> participants = participants(root, session);
		List<HistoryEntry> entries = entries(root, participants, now);
		return new ImportHistory(address.stringValue(), session, participants, entries, now);
	}

	private static SessionRequest session(JsonFields session, ConversationHistories.HistoryOrg org, Instant now) {
		if (session == null) {
			return null;
		}
		if (!org.messagingSessionParameter()) {
			throw ErrorCode.MESSAGING_SESSION_PARAMETER_NOT_SUPPORTED
				.exception("Org " + org.orgKey() + " is not ready for the messagingSession parameter; leave it out.");
		}
		String type = session.requireOneOf("messagingSessionRequestType", Set.of(ESTABLISH, ATTACH));
		JsonFields payload = session.requireObject("payload");
		if (type.equals(ATTACH)) {
			JsonNode sessionId = payload.raw("sessionId");
			if (sessionId == null || !sessionId.isString() || !SESSION_ID.matcher(sessionId.stringValue()).matches()) {
				throw ErrorCode.SESSION_ID_INVALID.exception(payload.path("sessionId")
						+ " must be a messaging session id (" + MessagingSession.KEY_PREFIX + "..., 15 or 18 characters).");
			}
			return new SessionRequest(null, null, sessionId.stringValue());
		}
		Long start = timestamp(payload, "startTime", ErrorCode.SESSION_START_TIME_INVALID);
		if (start == null || start <= 0 || Instant.ofEpochMilli(start).isAfter(now.plus(CLOCK_SKEW))) {
			throw ErrorCode.SESSION_START_TIME_INVALID
				.exception(payload.path("startTime") + " is required: the session's start, epoch milliseconds, not in the future.");
		}
		Long end = timestamp(payload, "endTime", ErrorCode.SESSION_END_TIME_INVALID);
		if (end != null && (end <= start || Instant.ofEpochMilli(end).isAfter(now.plus(CLOCK_SKEW)))) {
			throw ErrorCode.SESSION_END_TIME_INVALID
				.exception(payload.path("endTime") + " must be after startTime and not in the future.");
		}
		return new SessionRequest(Instant.ofEpochMilli(start), (end != null) ? Instant.ofEpochMilli(end) : null, null);
	}

	private static List<HistoryParticipant> participants(JsonFields root, SessionRequest session) {
		JsonNode raw = root.raw("conversationParticipants");
		if (raw == null || (raw.isArray() && raw.isEmpty())) {
			throw ErrorCode.EMPTY_PARTICIPANTS_LIST.exception("conversationParticipants is required: the end user "
					+ "and the bot(s) of the transcript.");
		}
		if (!raw.isArray() || raw.size() > MAX_PARTICIPANTS) {
			throw ErrorCode.CONVERSATION_HISTORY_PARAMETER_INVALID.exception("conversationParticipants must be a list "
					+ "of 1 to " + MAX_PARTICIPANTS + " participants.");
		}
		List<HistoryParticipant> participants = new ArrayList<>();
		Set<Participant> seen = new HashSet<>();
		for (JsonFields item : root.objects("conversationParticipants", 1, MAX_PARTICIPANTS)) {
			Participant participant = ParticipantFields.read(item.requireObject("participant"));
			boolean endUser = Participant.END_USER.equals(participant.role());
			if (!endUser && !ParticipantFields.CHATBOT_ROLE.equals(participant.role())) {
				throw ErrorCode.INVALID_CONVERSATION_HISTORY_PARTICIPANT_ROLE.exception(item.path("participant.role")
						+ " '" + participant.role() + "' cannot take part in a history; use Chatbot or EndUser.");
			}
			if (!seen.add(participant)) {
				throw ErrorCode.DUPLICATE_PARTICIPANTS.exception(item.path("participant") + " is listed twice.");
			}
			long joined = item.requireInteger("joinedTime");
			Long left = item.integer("leftTime", ErrorCode.CONVERSATION_HISTORY_PARAMETER_INVALID);
			String displayName = item.string("displayName");
			if (endUser && left != null) {
				throw ErrorCode.END_USER_LEFT_TIME_NOT_ALLOWED
					.exception(item.path("leftTime") + ": the end user stays in the conversation; send no leftTime.");
			}
			if (left != null && joined >= left) {
				throw ErrorCode.JOINED_TIME_NOT_BEFORE_LEFT_TIME
					.exception(item.path("joinedTime") + " must be earlier than leftTime.");
			}
			participants.add(new HistoryParticipant(participant, joined, left, displayName));
		}
		long endUsers = participants.stream().filter((p) -> Participant.END_USER.equals(p.participant().role())).count();
		if (endUsers == 0) {
			throw ErrorCode.NO_END_USER_PARTICIPANT.exception("conversationParticipants has no EndUser participant.");
		}
		if (endUsers > 1) {
			throw ErrorCode.MULTIPLE_END_USER_PARTICIPANTS
				.exception("conversationParticipants has " + endUsers + " EndUser participants; send exactly one.");
		}
		if (session != null && session.endedAt() != null) {
			for (HistoryParticipant participant : participants) {
				if (ParticipantFields.CHATBOT_ROLE.equals(participant.participant().role())
						&& participant.leftTime() == null) {
					throw ErrorCode.CHATBOT_LEFT_TIME_MISSING.exception("Chatbot " + participant.participant().subject()
							+ " needs a leftTime: the messaging session has ended.");
				}
			}
		}
		return participants;
	}

	private static List<HistoryEntry> entries(JsonFields root, List<HistoryParticipant> participants, Instant now) {
		JsonNode raw = root.raw("conversationEntries");
		if (raw == null || !raw.isArray() || raw.isEmpty() || raw.size() > MAX_ENTRIES) {
			throw ErrorCode.CONVERSATION_HISTORY_PARAMETER_INVALID
				.exception("conversationEntries must be a list of 1 to " + MAX_ENTRIES + " entries.");
		}
		List<HistoryEntry> entries = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		long oldest = now.minus(MAX_AGE).toEpochMilli();
		long newest = now.plus(CLOCK_SKEW).toEpochMilli();
		for (JsonFields item : root.objects("conversationEntries", 1, MAX_ENTRIES)) {
			long clientTimestamp = item.requireInteger("clientTimestamp");
			Participant sender = ParticipantFields.read(item.requireObject("sender"));
			HistoryParticipant participant = participants.stream()
				.filter((p) -> p.participant().equals(sender))
				.findFirst()
				.orElseThrow(() -> ErrorCode.ENTRY_SENDER_NOT_PARTICIPANT.exception(item.path("sender")
						+ " is not one of conversationParticipants."));
			boolean bot = ParticipantFields.CHATBOT_ROLE.equals(sender.role());
			Message message = (Message) SentEntries.read(item, "entryPayload", bot, Set.of(EntryType.Message));
			if (!ids.add(message.id())) {
				throw ErrorCode.DUPLICATE_ENTRY_ID
					.exception(item.path("entryPayload.id") + " '" + message.id() + "' is used by two entries.");
			}
			if (clientTimestamp < oldest || clientTimestamp > newest) {
				throw ErrorCode.INVALID_ENTRY_TIMESTAMP.exception(item.path("clientTimestamp")
						+ " must lie within the last 24 hours (and not ahead of the service's clock).");
			}
			if (clientTimestamp < participant.joinedTime()
					|| (participant.leftTime() != null && clientTimestamp > participant.leftTime())) {
				throw ErrorCode.ENTRY_TIMESTAMP_OUTSIDE_PARTICIPATION.exception(item.path("clientTimestamp")
						+ " lies outside the time " + sender.subject() + " took part (joinedTime..leftTime).");
			}
			entries.add(new HistoryEntry(clientTimestamp, participant, message));
		}
		return entries;
	}

	private static Long timestamp(JsonFields payload, String name, ErrorCode code) {
		return payload.integer(name, code);
	}

	/** Establish a session (its start and end) or attach to one ({@code attachTo}). */
	public record SessionRequest(Instant startedAt, Instant endedAt, String attachTo) {
	}

	public record HistoryParticipant(Participant participant, long joinedTime, Long leftTime, String displayName) {
	}

	public record HistoryEntry(long clientTimestamp, HistoryParticipant participant, Message message) {
	}

}
