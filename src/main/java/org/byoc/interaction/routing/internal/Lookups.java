package org.byoc.interaction.routing.internal;

import java.util.Optional;

import org.springframework.stereotype.Component;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.RecordIds;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * Lookups every routing operation starts with, always inside the caller's org (and, for partner calls, the channel
 * its AuthorizationContext names): another org's or channel's ids are simply unknown, never revealed.
 */
@Component
public class Lookups {

	private final SetupDirectory setup;

	private final Conversations conversations;

	Lookups(SetupDirectory setup, Conversations conversations) {
		this.setup = setup;
		this.conversations = conversations;
	}

	public Org org(String orgId) {
		return this.setup.org(orgId)
			.orElseThrow(() -> ErrorCode.INVALID_PARAMETERS.exception("No org " + OrgIds.key(orgId) + "."));
	}

	/** A conversation of the partner's channel (10018 otherwise). */
	public Conversation partnerConversation(String orgId, String channelDeveloperName, String conversationIdentifier) {
		return this.conversations.find(orgId, conversationIdentifier)
			.filter((conversation) -> conversation.channelDeveloperName().equals(channelDeveloperName))
			.orElseThrow(() -> ErrorCode.CONVERSATION_IDENTIFIER_INVALID.exception("No conversation "
					+ conversationIdentifier + " for AuthorizationContext " + channelDeveloperName + "."));
	}

	/** A conversation of the org, for operators and agents (10018 otherwise). */
	public Conversation conversation(String orgId, String conversationIdentifier) {
		return this.conversations.find(orgId, conversationIdentifier)
			.orElseThrow(() -> ErrorCode.CONVERSATION_IDENTIFIER_INVALID
				.exception("No conversation " + conversationIdentifier + " in org " + OrgIds.key(orgId) + "."));
	}

	/** The conversation's current session. */
	public MessagingSession currentSession(Conversation conversation) {
		return this.conversations.session(conversation.currentSessionId()).orElseThrow();
	}

	/** A session of the conversation, current or earlier, by id. */
	public Optional<MessagingSession> sessionOf(Conversation conversation, String sessionId) {
		return this.conversations.session(sessionId)
			.filter((session) -> session.conversationIdentifier().equals(conversation.conversationIdentifier()));
	}

	/**
	 * The conversation of a work item of the partner's channel: 15110 not a session id, 15111 unknown or ended, 25005
	 * its end user's channel address is gone from the setup. (25006 and 25007, a work item without its conversation or
	 * conversation id, cannot happen here: a session row always references its conversation.)
	 */
	public Conversation workItemConversation(Org org, String channelDeveloperName, String workItemId) {
		if (!RecordIds.hasPrefix(workItemId, MessagingSession.KEY_PREFIX)) {
			throw ErrorCode.WORK_ITEM_NOT_MESSAGING_SESSION
				.exception("workItemId " + workItemId + " is not a messaging session id (0Mw...).");
		}
		MessagingSession session = this.conversations.session(workItemId)
			.filter((s) -> s.orgKey().equals(org.key()))
			.orElseThrow(() -> ErrorCode.WORK_ITEM_NOT_FOUND.exception("No messaging session " + workItemId + "."));
		Conversation conversation = this.conversations.find(org.id(), session.conversationIdentifier())
			.filter((c) -> c.channelDeveloperName().equals(channelDeveloperName))
			.orElseThrow(() -> ErrorCode.WORK_ITEM_NOT_FOUND.exception("No messaging session " + workItemId + "."));
		if (!conversation.currentSessionId().equals(workItemId) || session.status() == MessagingSession.Status.Ended) {
			throw ErrorCode.WORK_ITEM_NOT_FOUND.exception("The messaging session " + workItemId + " has ended.");
		}
		if (!hasAddress(conversation)) {
			// a messaging end user is an end user of a channel address: without the address there is none
			throw ErrorCode.END_USER_NOT_FOUND_FOR_WORK_ITEM.exception("The messaging end user "
					+ conversation.endUserClientId() + " of work item " + workItemId + " is not found: the setup no "
					+ "longer has channel address " + conversation.channelAddressIdentifier() + " on channel "
					+ channelDeveloperName + ".");
		}
		return conversation;
	}

	/** Whether the setup still has the conversation's channel address on the conversation's channel. */
	boolean hasAddress(Conversation conversation) {
		return this.setup.address(conversation.orgKey(), conversation.channelAddressIdentifier())
			.filter((found) -> found.channel().developerName().equals(conversation.channelDeveloperName()))
			.isPresent();
	}

	/** The conversation's channel as the setup has it now, or null when the setup no longer has it. */
	public Channel channelIfPresent(Conversation conversation) {
		return this.setup.channel(conversation.orgKey(), conversation.channelDeveloperName()).orElse(null);
	}

	/** The conversation's channel as the setup has it now. */
	public Channel channel(Conversation conversation) {
		return this.setup.channel(conversation.orgKey(), conversation.channelDeveloperName())
			.orElseThrow(() -> ErrorCode.CHANNEL_DEFINITION_MISSING.exception("The channel "
					+ conversation.channelDeveloperName() + " of conversation " + conversation.conversationIdentifier()
					+ " is no longer in the setup."));
	}

	public Org.AppUser user(Org org, String userId) {
		return org.userById(userId)
			.orElseThrow(() -> ErrorCode.USER_ID_INVALID.exception("No user " + userId + " in org " + org.key() + "."));
	}

	/** The display name the events show for a rep: the setup's, else the user id. */
	public static String displayName(Org org, String userId) {
		return org.userById(userId)
			.map((user) -> (user.displayName() != null) ? user.displayName() : user.username())
			.orElse(userId);
	}

}
