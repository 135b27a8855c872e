package org.byoc.interaction.conversation;

/**
 * Published (inside the recording transaction) when an end user starts or stops typing: typing is state of the
 * conversation, not a transcript entry, so {@link EndUserEntryRecorded} never reports it.
 */
public record EndUserTypingChanged(String orgId, Conversation conversation, boolean typing) {

}
