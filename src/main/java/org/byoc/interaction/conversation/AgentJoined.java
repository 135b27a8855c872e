package org.byoc.interaction.conversation;

import org.byoc.interaction.outbound.Participant;

/**
 * Published inside the recording transaction when a ParticipantChanged entry records an agent joining a
 * conversation (accepting work, or joining by hand), so the agent side can react without this module knowing it:
 * e.g. the end user's waiting messages are now delivered to the agent's desk.
 */
public record AgentJoined(String orgKey, String conversationIdentifier, String messagingSessionId, Participant agent,
		String displayName) {

}
