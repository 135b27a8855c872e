package org.byoc.interaction.conversation.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.contract.CanonicalJson;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.ChannelAddresses;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.conversation.history.ImportHistory.HistoryEntry;
import org.byoc.interaction.conversation.history.ImportHistory.HistoryParticipant;
import org.byoc.interaction.conversation.history.ImportHistory.SessionRequest;
import org.byoc.interaction.conversation.internal.ConversationRepository;
import org.byoc.interaction.conversation.message.EntryType;
import org.byoc.interaction.conversation.message.Message;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.RecordIds;
import org.byoc.interaction.setup.SetupDirectory;

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

	public static final Duration MAX_AGE = Duration.ofHours(24);

	/** How far ahead of our clock a client's timestamp may be. */
	public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

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

	/**
	 * The caller's org, which must be a Contact Center as a Service org (10057), and whether it takes the
	 * {@code messagingSession} parameter: checked before the request's body is read.
	 */
	public HistoryOrg historyOrg(String orgId) {
		Org org = this.setup.org(orgId).orElseThrow();
		if (!org.features().ccaas()) {
			throw ErrorCode.CONVERSATION_HISTORY_INVALID_VENDOR_TYPE
				.exception("Org " + org.key() + " is not a Contact Center as a Service org; it cannot import history.");
		}
		return new HistoryOrg(org.key(), org.features().historyMessagingSession());
	}

	/**
	 * Imports {@code request} into the conversation of its address on {@code channel} (the caller's
	 * AuthorizationContext, a channel) in {@code orgId}.
	 */
	public Imported importHistory(String orgId, String channel, ImportHistory request) {
		historyOrg(orgId);
		SessionRequest session = request.session();
		Participant endUser = request.participants()
			.stream()
			.map(HistoryParticipant::participant)
			.filter((p) -> Participant.END_USER.equals(p.role()))
			.findFirst()
			.orElseThrow();
		String address = request.channelAddressIdentifier();
		Channel channelOfAddress = ChannelAddresses.channelOf(this.setup, orgId, channel, address);
		return this.transactions.execute((status) -> {
			Target target = target(orgId, channelOfAddress, address, endUser.subject(), session);
			for (HistoryEntry entry : request.entries()) {
				record(orgId, target, entry, request.receivedAt());
			}
			return new Imported(true, target.conversation().conversationIdentifier(), target.sessionId());
		});
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
		String fingerprint = CanonicalJson.sha256(entry.message().contentFingerprint() + "|" + sender.appType() + "|"
				+ sender.subject() + "|" + sender.role());
		if (this.conversations.record(orgId, transcript, fingerprint).created()) {
			this.repository.markImported(conversationIdentifier, entry.message().id());
		}
	}

	/** The 202 answer: {@code {success, conversationIdentifier, messagingSessionId}}. */
	public record Imported(boolean success, String conversationIdentifier, String messagingSessionId) {
	}

	/** An org that imports histories, and whether it takes the messagingSession parameter. */
	public record HistoryOrg(String orgKey, boolean messagingSessionParameter) {
	}

	private record Target(Conversation conversation, String sessionId) {
	}

}
