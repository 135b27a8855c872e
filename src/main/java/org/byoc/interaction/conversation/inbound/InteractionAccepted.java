package org.byoc.interaction.conversation.inbound;

import java.util.List;

import org.byoc.interaction.conversation.Conversation;

/** The 202 answer of {@code POST /api/v1/interactions}; a retried entry gets the first answer again. */
public record InteractionAccepted(boolean success, String id, String conversationIdentifier, List<String> workItemIds) {

	static InteractionAccepted of(String id, Conversation conversation, String sessionId) {
		return new InteractionAccepted(true, id, conversation.conversationIdentifier(), List.of(sessionId));
	}

}
