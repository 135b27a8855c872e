package org.byoc.interaction.conversation;

import org.byoc.interaction.outbound.ConversationEntry;
import org.byoc.interaction.outbound.Participant;

/** One entry of a conversation's transcript, in the order the service recorded it. */
public record TranscriptEntry(String conversationIdentifier, String entryId, String messagingSessionId,
		String entryType, Participant sender, String senderDisplayName, long clientTimestamp,
		long transcriptedTimestamp, String payloadJson, String attachmentId, String deliveryErrorCode) {

	/** The entry as an outbound Interaction event carries it (§D.4). */
	public ConversationEntry toConversationEntry() {
		return new ConversationEntry(this.entryId, this.entryType, this.payloadJson, this.sender,
				this.senderDisplayName, this.transcriptedTimestamp, this.clientTimestamp, 0);
	}

}
