package org.byoc.interaction.conversation;

import org.byoc.interaction.outbound.Participant;

/** One entry of a conversation's transcript, in the order the service recorded it. */
public record TranscriptEntry(String conversationIdentifier, String entryId, String messagingSessionId,
		String entryType, Participant sender, String senderDisplayName, long clientTimestamp,
		long transcriptedTimestamp, String payloadJson, String attachmentId, String deliveryErrorCode) {

}
