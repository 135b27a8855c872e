package org.byoc.interaction.conversation.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;
import org.byoc.interaction.contract.JsonRequestBody;
import org.byoc.interaction.conversation.ChannelAddresses;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.conversation.internal.ConversationRepository;
import org.byoc.interaction.conversation.message.EntryType;
import org.byoc.interaction.conversation.message.Message;
import org.byoc.interaction.conversation.message.ParticipantFields;
import org.byoc.interaction.conversation.message.SentEntries;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.RecordIds;
import org.byoc.interaction.setup.SetupDirectory;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/conversationHistory} (contract §B8): imports the transcript of an end user's conversation
 * with a third-party bot before it is handed over to a rep. The entries join the transcript with their original
 * senders, placed by their client timestamps, in the conversation's current session, a session established for
 * them (with its real start and end) or one named to attach to. A retry imports nothing twice.
 * <p>
 * The rules and their codes, checked before anything is stored: {@code AuthorizationContextType} missing 10016, not
 * a channel type 10093; org without CCaaS 10057; {@code channelAddressIdentifier} missing 10069, unknown 10017,
 * inactive 10031, not the caller's channel 10001. Participants: none 10039, more than 3 (or malformed) 10078,
 * appType 10037, role unknown 10038 or not Chatbot / EndUser 10043, subject 10054, twice the same 10101, no EndUser
 * 10042, two 10044, the EndUser with a leftTime 10065, a Chatbot without leftTime when the session has ended 10066,
 * joinedTime not before leftTime 10067. Session: the org has it switched off 10063, unknown type 10078, startTime
 * 10061, endTime 10064, sessionId malformed 10072 or not this conversation's 10071. Entries: 1 to 25 (10078), sender
 * not a participant 10068, entry 10045 / 10059 / 10060 and message 10047 / 10048 / 10049 / 10062, older than 24 hours
 * or ahead of the clock 10046, outside the sender's joined..left window 10074, a message id twice 10073.
 */
@Service
public class ConversationHistories {

	static final int MAX_PARTICIPANTS = 3;

	static final int MAX_ENTRIES = 25;

	public static final Duration MAX_AGE = Duration.ofHours(24);

	/** How far ahead of our clock a client's timestamp may be. */
	public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	private static final Pattern SESSION_ID = Pattern.compile(MessagingSession.KEY_PREFIX + "[0-9A-Za-z]{12}([0-9A-Za-z]{3})?");

	private static final String ESTABLISH = "EstablishMessagingSession";

	private static final String ATTACH = "AttachMessagingSession";

	private final SetupDirectory setup;

	private final Conversations conversations;

	private final ConversationRepository repository;

	private final TransactionTemplate transactions;

	ConversationHistories(SetupDirectory setup, Conversations conversations, ConversationRepository repository,
			TransactionTemplate transactions) {
		this.setup = setup;
		this.conversations = conversations;
		this.repository = repository;
		this.transactions = transactions;
	}

	Imported importHistory(ApiCaller caller, byte[] body) {
		if (!caller.requireAuthorizationContextType().namesChannel()) {
			throw ErrorCode.AUTHORIZATION_CONTEXT_TYPE_INVALID.exception("A conversation history is imported by a "
					+ "channel: send AuthorizationContextType ConversationChannelDefinition with the channel's name.");
		}
		Org org = this.setup.org(caller.orgId()).orElseThrow();
		if (!org.features().ccaas()) {
			throw ErrorCode.CONVERSATION_HISTORY_INVALID_VENDOR_TYPE
				.exception("Org " + org.key() + " is not a Contact Center as a Service org; it cannot import history.");
		}
		Instant now = Instant.now();
		JsonFields root = JsonRequestBody.parse(body, ErrorCode.CONVERSATION_HISTORY_PARAMETER_INVALID);
		JsonNode address = root.raw("channelAddressIdentifier");
		if (address == null || !address.isString() || address.stringValue().isBlank()) {
			throw ErrorCode.CHANNEL_ADDRESS_CONFIGURATION_INVALID
				.exception("channelAddressIdentifier is required and must be a non-blank string.");
		}
		SessionRequest session = session(root.object("messagingSession"), org, now);
		List<HistoryParticipant> participants = participants(root, session);
		Participant endUser = participants.stream()
			.map(HistoryParticipant::participant)
			.filter((p) -> Participant.END_USER.equals(p.role()))
			.findFirst()
			.orElseThrow();
		List<HistoryEntry> entries = entries(root, participants, now);
		Channel channel = ChannelAddresses.channelOf(this.setup, caller.orgId(), caller.authorizationContext(),
				address.stringValue());
		return this.transactions.execute((status) -> {
			Target target = target(caller.orgId(), channel, address.stringValue(), endUser.subject(), session);
			for (HistoryEntry entry : entries) {
				record(caller.orgId(), target, entry, now);
			}
			return new Imported(true, target.conversation().conversationIdentifier(), target.sessionId());
		});
	}

	private SessionRequest session(JsonFields session, Org org, Instant now) {
		if (session == null) {
			return null;
		}
		if (!org.features().historyMessagingSession()) {
			throw ErrorCode.MESSAGING_SESSION_PARAMETER_NOT_SUPPORTED
				.exception("Org " + org.key() + " is not ready for the messagingSession parameter; leave it out.");
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

	/** The conversation and the session the entries go into, created or established as the request says. */
	private Target target(String orgId, Channel channel, String address, String endUser, SessionRequest session) {
		if (session == null) {
			Conversation conversation = this.conversations.findOrCreate(orgId, channel.developerName(), address,
					endUser);
			return new Target(conversation, conversation.currentSessionId());
		}
		Optional<Conversation> existing = this.conversations.find(orgId, address, endUser);
		if (session.attachTo() != null) {
			MessagingSession attached = existing.flatMap((c) -> this.conversations.session(session.attachTo())
				.filter((s) -> s.conversationIdentifier().equals(c.conversationIdentifier())))
				.orElseThrow(() -> ErrorCode.MESSAGING_SESSION_NOT_FOUND.exception("Messaging session "
						+ session.attachTo() + " is not a session of this end user's conversation on the channel."));
			return new Target(existing.get(), attached.id());
		}
		if (existing.isEmpty()) {
			String newIdentifier = UUID.randomUUID().toString();
			Conversation created = this.conversations.findOrCreate(orgId, channel.developerName(), address, endUser,
					newIdentifier);
			if (created.conversationIdentifier().equals(newIdentifier)) {
				this.repository.backdateSession(created.currentSessionId(), session.startedAt(), session.endedAt());
				return new Target(created, created.currentSessionId());
			}
			existing = Optional.of(created);
		}
		Conversation conversation = existing.get();
		MessagingSession current = this.conversations.session(conversation.currentSessionId()).orElseThrow();
		if (session.endedAt() == null && current.status() == MessagingSession.Status.Active) {
			throw ErrorCode.CONVERSATION_HISTORY_PARAMETER_INVALID.exception("The conversation already has the active "
					+ "messaging session " + current.id() + "; attach to it with AttachMessagingSession.");
		}
		String sessionId = RecordIds.newId(MessagingSession.KEY_PREFIX);
		this.repository.insertPastSession(sessionId, conversation.conversationIdentifier(), OrgIds.key(orgId),
				session.startedAt(), session.endedAt());
		if (session.endedAt() == null) {
			this.repository.makeCurrent(conversation.conversationIdentifier(), sessionId);
		}
		return new Target(conversation, sessionId);
	}

	private void record(String orgId, Target target, HistoryEntry entry, Instant now) {
		String conversationIdentifier = target.conversation().conversationIdentifier();
		Participant sender = entry.participant().participant();
		TranscriptEntry transcript = new TranscriptEntry(conversationIdentifier, entry.message().id(),
				target.sessionId(), EntryType.Message.name(), sender, entry.participant().displayName(),
				entry.clientTimestamp(), now.toEpochMilli(), entry.message().entryPayloadJson(), null, null);
		// like an interaction's, a retried entry stamped anew is still the same entry
		String fingerprint = sha256(entry.message().contentFingerprint() + "|" + sender.appType() + "|"
				+ sender.subject() + "|" + sender.role());
		if (this.conversations.record(orgId, transcript, fingerprint).created()) {
			this.repository.markImported(conversationIdentifier, entry.message().id());
		}
	}

	private static Long timestamp(JsonFields payload, String name, ErrorCode code) {
		return payload.integer(name, code);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The 202 answer: {@code {success, conversationIdentifier, messagingSessionId}}. */
	record Imported(boolean success, String conversationIdentifier, String messagingSessionId) {
	}

	private record SessionRequest(Instant startedAt, Instant endedAt, String attachTo) {
	}

	private record HistoryParticipant(Participant participant, long joinedTime, Long leftTime, String displayName) {
	}

	private record HistoryEntry(long clientTimestamp, HistoryParticipant participant, Message message) {
	}

	private record Target(Conversation conversation, String sessionId) {
	}

}
