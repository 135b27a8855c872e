package org.byoc.interaction.conversation;

/**
 * One line of an agent's conversation list: the conversation, its current session's status, its latest transcript
 * entry (null when it has none yet) and how many end-user messages arrived since an agent last wrote in it.
 */
public record ConversationSummary(Conversation conversation, MessagingSession.Status sessionStatus,
		TranscriptEntry lastEntry, int unread) {

}
