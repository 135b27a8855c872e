package org.byoc.interaction.agent;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.agent.AgentEntries.Context;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.ConcurrentWrites;
import org.byoc.interaction.routing.consent.ConsentChanges;

/**
 * An agent (or an operator acting as one) opts the end user out of messages, or back in: the partner receives
 * EndUserConsentUpdated with {@code isEndUserInitiated: false}. Any channel: where the partner owns consent, this is
 * how it learns the contact center recorded one. A change that changes nothing (opting out an opted-out end user)
 * answers {@code changed: false} and publishes nothing, so retries and concurrent requests report one change.
 */
@Service
public class AgentConsents {

	private final AgentEntries entries;

	private final ConsentChanges changes;

	private final TransactionTemplate transactions;

	AgentConsents(AgentEntries entries, ConsentChanges changes, TransactionTemplate transactions) {
		this.entries = entries;
		this.changes = changes;
		this.transactions = transactions;
	}

	/**
	 * @param consentStatus {@code OptOut} or {@code OptIn} (10021 otherwise)
	 */
	public Changed change(String conversationIdentifier, String userId, String consentStatus) {
		if (!"OptOut".equals(consentStatus) && !"OptIn".equals(consentStatus)) {
			throw ErrorCode.CONSENT_STATUS_INVALID
				.exception("consentStatus is required: OptOut or OptIn, was " + consentStatus + ".");
		}
		boolean optOut = "OptOut".equals(consentStatus);
		return ConcurrentWrites.retrying(() -> this.transactions.execute((status) -> {
			Context context = this.entries.anySession(conversationIdentifier, userId);
			ConsentChanges.Changed changed = this.changes.changeByAgent(context.conversation(), context.agent(),
					context.displayName(), optOut);
			return new Changed(context.conversation().conversationIdentifier(), consentStatus, changed.changed(),
					changed.entryIdentifier(), changed.eventId());
		}));
	}

	/** What the change did; {@code identifier} and {@code eventId} are those of the EndUserConsentUpdated entry. */
	public record Changed(String conversationIdentifier, String consentStatus, boolean changed, String identifier,
			String eventId) {
	}

}
