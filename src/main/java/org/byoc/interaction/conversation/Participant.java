package org.byoc.interaction.conversation;

import java.util.Objects;

/** A conversation participant as the contract writes it: {@code {appType, subject, role}}. */
public record Participant(String appType, String subject, String role) {

	/** The appType and role of every end user of a partner channel. */
	public static final String CUSTOM = "custom";

	public static final String END_USER = "EndUser";

	public Participant {
		Objects.requireNonNull(appType, "appType");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(role, "role");
	}

	/** The end user with the given client id ({@code from}), e.g. as the sender of inbound entries. */
	public static Participant endUser(String endUserClientId) {
		return new Participant(CUSTOM, endUserClientId, END_USER);
	}

}
