package org.byoc.interaction.outbound;

/**
 * A conversation participant as the contract writes it: {@code {"appType":"custom","subject":"<end user>","role":"EndUser"}}
 * for an end user, {@code {"appType":"agent","subject":"005...","role":"Agent"}} for a rep.
 */
public record Participant(String appType, String subject, String role) {

	/** The appType and role of every end user of a partner channel. */
	public static final String CUSTOM = "custom";

	public static final String END_USER = "EndUser";

	public Participant {
		java.util.Objects.requireNonNull(appType, "appType");
		java.util.Objects.requireNonNull(subject, "subject");
		java.util.Objects.requireNonNull(role, "role");
	}

	public static Participant endUser(String endUserClientId) {
		return new Participant(CUSTOM, endUserClientId, END_USER);
	}

	public static Participant agent(String userId) {
		return new Participant("agent", userId, "Agent");
	}

}
