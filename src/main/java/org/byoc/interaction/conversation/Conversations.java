package org.byoc.interaction.conversation;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.web.ErrorCode;

/**
 * The conversation module's public face: conversations, their sessions and transcripts. Recording an entry is
 * idempotent on its id: the same id with the same content returns the first entry; with other content it is
 * refused (10073).
 */
@Service
public class Conversations {

	private final ConversationRepository repository;

	Conversations(ConversationRepository repository) {
		this.repository = repository;
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

	/** An entry and whether this call created it (false: a retry of an entry recorded before). */
	public record Recorded(TranscriptEntry entry, boolean created) {
	}

}
