package org.byoc.interaction.conversation;

import java.time.Instant;

/** A MessagingSession: the work item of a conversation ({@code 0Mw...}); a conversation has one current session. */
public record MessagingSession(String id, String conversationIdentifier, String orgKey, Status status,
		Instant startedAt, Instant endedAt) {

	public static final String KEY_PREFIX = "0Mw";

	/** The vendor's session statuses. */
	public enum Status {

		Active, Ended, Waiting, New, Consent, Inactive, Error, Paused

	}

}
