package org.byoc.interaction.conversation;

import java.time.Instant;

/**
 * A conversation between one end user (client id, the interaction's {@code from}) and one channel address (its
 * {@code to}) of an org, with its current MessagingSession (the work item partners route).
 */
public record Conversation(String conversationIdentifier, String orgKey, String channelDeveloperName,
		String channelAddressIdentifier, String endUserId, String endUserClientId, String currentSessionId,
		boolean endUserTyping, Instant createdAt) {

}
