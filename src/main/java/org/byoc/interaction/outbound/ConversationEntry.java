package org.byoc.interaction.outbound;

/**
 * The ConversationEntry an outbound Interaction event carries (contract §D.4). {@code entryPayloadJson} is the entry
 * itself as a JSON object text ({@code {"entryType":"Message","id":...,"abstractMessage":{...}}}), embedded verbatim.
 */
public record ConversationEntry(String identifier, String entryType, String entryPayloadJson, Participant sender,
		String senderDisplayName, long transcriptedTimestamp, long clientTimestamp, long clientDuration) {

}
