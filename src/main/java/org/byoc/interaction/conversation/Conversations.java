package org.byoc.interaction.conversation;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.internal.ConversationRepository;
import org.byoc.interaction.conversation.internal.ParticipantRepository;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.setup.OrgIds;

/**
 * The conversation module's public face: conversations, their sessions and transcripts. Recording an entry is
 * idempotent on its id: the same id with the same content returns the first entry; with other content it is
 * refused (10073).
 */
@Service
public class Conversations {

	private static final Set<String> AGENT_ROLES = Set.of("Agent", "Supervisor");

	private final ConversationRepository repository;

	private final ParticipantRepository participants;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	Conversations(ConversationRepository repository, ParticipantRepository participants,
			ApplicationEventPublisher events, JsonMapper json) {
		this.json = json;
		this.repository = repository;
		this.participants = participants;
		this.events = events;
	}

	@Transactional
	public Conversation findOrCreate(String orgId, String channelDeveloperName, String addressIdentifier,
			String endUserClientId) {
		return this.repository.findOrCreate(OrgIds.key(orgId), channelDeveloperName, addressIdentifier,
				endUserClientId);
	}

	/**
	 * As {@link #findOrCreate(String, String, String, String)}, giving a new conversation the identifier chosen
	 * beforehand (e.g. for storage keys written before the conversation exists).
	 */
	@Transactional
	public Conversation findOrCreate(String orgId, String channelDeveloperName, String addressIdentifier,
			String endUserClientId, String newConversationIdentifier) {
		return this.repository.findOrCreate(OrgIds.key(orgId), channelDeveloperName, addressIdentifier,
				endUserClientId, newConversationIdentifier);
	}

	@Transactional(readOnly = true)
	public Optional<Conversation> find(String orgId, String conversationIdentifier) {
		if (orgId == null || conversationIdentifier == null) {
			return Optional.empty();
		}
		return this.repository.find(OrgIds.key(orgId), conversationIdentifier);
	}

	@Transactional(readOnly = true)
	public Optional<Conversation> find(String orgId, String addressIdentifier, String endUserClientId) {
		return this.repository.find(OrgIds.key(orgId), addressIdentifier, endUserClientId);
	}

	/** For operators (admin API): a conversation of any org. */
	@Transactional(readOnly = true)
	public Optional<Conversation> findInAnyOrg(String conversationIdentifier) {
		return this.repository.findAnyOrg(conversationIdentifier);
	}

	/** Conversations matching the given filters (each may be null), newest first. */
	@Transactional(readOnly = true)
	public List<Conversation> search(String orgId, String addressIdentifier, String endUserClientId, int limit,
			int offset) {
		return this.repository.search(OrgIds.key(orgId), addressIdentifier, endUserClientId, limit, offset);
	}

	/**
	 * An org's conversations for an agent's list, the most recently active first (a conversation's activity is its
	 * latest transcript entry), one page at a time.
	 */
	@Transactional(readOnly = true)
	public List<ConversationSummary> inbox(String orgId, int limit, int offset) {
		return this.repository.inbox(OrgIds.key(orgId), limit, offset);
	}

	/** How many conversations the org has. */
	@Transactional(readOnly = true)
	public long count(String orgId) {
		return this.repository.count(OrgIds.key(orgId));
	}

	@Transactional(readOnly = true)
	public Optional<MessagingSession> session(String sessionId) {
		return this.repository.session(sessionId);
	}

	@Transactional(readOnly = true)
	public List<TranscriptEntry> transcript(String conversationIdentifier) {
		return this.repository.transcript(conversationIdentifier);
	}

	/**
	 * Records an entry, or finds the one recorded earlier under the same id. Joins the caller's transaction so the
	 * entry and whatever the caller publishes about it commit together.
	 */
	@Transactional
	public Recorded record(String orgId, TranscriptEntry entry, String contentHash) {
		if (this.repository.insertEntry(entry, OrgIds.key(orgId), contentHash)) {
			if ("ParticipantChanged".equals(entry.entryType())) {
				followAgents(OrgIds.key(orgId), entry);
			}
			return new Recorded(entry, true);
		}
		ConversationRepository.StoredEntry first = this.repository
			.findEntry(entry.conversationIdentifier(), entry.entryId())
			.orElseThrow();
		if (!first.contentHash().equals(contentHash)) {
			throw ErrorCode.DUPLICATE_ENTRY_ID.exception("Entry id " + entry.entryId()
					+ " was already used in this conversation for different content.");
		}
		return new Recorded(first.entry(), false);
	}

	/**
	 * Moves the session from {@code from} to {@code to} (Ended stamps its end time) and answers it as it is now;
	 * empty when the session was not in {@code from} (another request changed it first).
	 */
	@Transactional
	public Optional<MessagingSession> changeSessionStatus(String sessionId, MessagingSession.Status from,
			MessagingSession.Status to) {
		if (!this.repository.changeSessionStatus(sessionId, from, to)) {
			return Optional.empty();
		}
		return this.repository.session(sessionId);
	}

	@Transactional
	public boolean markDeliveryFailed(String conversationIdentifier, String entryId, String errorCode) {
		return this.repository.markDeliveryFailed(conversationIdentifier, entryId, errorCode);
	}

	@Transactional
	public void setEndUserTyping(String conversationIdentifier, boolean typing) {
		this.repository.setTyping(conversationIdentifier, typing);
	}

	/**
	 * Until the caller's transaction ends, other changes to the conversation that lock it wait: a change allowed or
	 * refused by the transcript so far (a flag raised twice) is judged on a transcript nobody else is changing.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void lock(String conversationIdentifier) {
		this.repository.lock(conversationIdentifier);
	}

	/**
	 * The agents (and supervisors) at the conversation's desk now: joined in its current session and not left, in
	 * the order they joined.
	 */
	@Transactional(readOnly = true)
	public List<TakingPart> agentsTakingPart(Conversation conversation) {
		return this.participants.activeAgents(conversation.conversationIdentifier(), conversation.currentSessionId())
			.stream()
			.map((p) -> new TakingPart(p.participant(), p.displayName(), p.joinedAt()))
			.toList();
	}

	/**
	 * Agents join and leave through routing (accepting, closing, transferring, ending) and by their own hand; every
	 * way records a ParticipantChanged entry, so who is at the desk follows the transcript. Bots keep their own
	 * participation (they join before their entry is recorded).
	 */
	private void followAgents(String orgKey, TranscriptEntry entry) {
		JsonNode changes = this.json.readTree(entry.payloadJson()).path("entries");
		for (JsonNode change : changes) {
			JsonNode who = change.path("participant");
			if (!AGENT_ROLES.contains(who.path("role").asString(""))) {
				continue;
			}
			Participant agent = new Participant(who.path("appType").asString(), who.path("subject").asString(),
					who.path("role").asString());
			String displayName = change.hasNonNull("displayName") ? change.get("displayName").asString() : null;
			switch (change.path("operation").asString("")) {
				case "add" -> {
					this.participants.leave(entry.conversationIdentifier(), agent);
					this.participants.join(orgKey, entry.conversationIdentifier(), agent, displayName,
							entry.messagingSessionId());
					this.events.publishEvent(new AgentJoined(orgKey, entry.conversationIdentifier(),
							entry.messagingSessionId(), agent, displayName));
				}
				case "remove" -> this.participants.leave(entry.conversationIdentifier(), agent);
				default -> {
					// an update changes nobody's presence
				}
			}
		}
	}

	/** An entry and whether this call created it (false: a retry of an entry recorded before). */
	public record Recorded(TranscriptEntry entry, boolean created) {
	}

}
