package org.byoc.interaction.conversation;

import java.util.Map;

/**
 * Published (synchronously, inside the transaction) when a partner establishes a conversation before its end user
 * wrote, through {@code POST /api/v1/conversation} (proactive messaging), so other modules (routing) can act on its
 * routing attributes without the conversation module knowing them.
 *
 * @param created whether this call created the conversation (false: it existed and its ids were returned)
 * @param routingAttributes the request's routing attributes the channel declares, checked for length
 */
public record ConversationEstablished(String orgId, String channelDeveloperName, Conversation conversation,
		boolean created, Map<String, String> routingAttributes) {

}
