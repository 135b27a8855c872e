package org.byoc.interaction.outbound;

/**
 * The ConversationEntry an outbound Interaction event carries (contract §D.4). {@code entryPayloadJson} is the entry
 * itself as a JSON object text ({@code {"entryType":"Message","id":...,"abstractMessage":{...}}}), embedded verbatim.
 * {@code recipients} is null for an entry whose only audience is the end user (the event's recipient).
 */
public record ConversationEntry(String identifier, String entryType, String entryPayloadJson, Participant sender,
		String senderDisplayName, long transcriptedTimestamp, long clientTimestamp, long clientDuration,
		Recipients recipients) {

	/** An entry for the end user alone: no {@code recipients}. */
	public ConversationEntry(String identifier, String entryType, String entryPayloadJson, Participant sender,
			String senderDisplayName, long transcriptedTimestamp, long clientTimestamp, long clientDuration) {
		this(identifier, entryType, entryPayloadJson, sender, senderDisplayName, transcriptedTimestamp,
				clientTimestamp, clientDuration, null);
	}

	/** The same entry with the given audience. */
	public ConversationEntry withRecipients(Recipients audience) {
		return new ConversationEntry(this.identifier, this.entryType, this.entryPayloadJson, this.sender,
				this.senderDisplayName, this.transcriptedTimestamp, this.clientTimestamp, this.clientDuration,
				audience);
	}

}
