package org.byoc.interaction.outbound;

/**
 * A conversation participant as the contract writes it: {@code {"appType":"custom","subject":"<end user>","role":"EndUser"}}
 * for an end user, {@code {"appType":"agent","subject":"005...","role":"Agent"}} for a rep.
 */
public record Participant(String appType, String subject, String role) {

	public static Participant endUser(String endUserClientId) {
		return new Participant("custom", endUserClientId, "EndUser");
	}

	public static Participant agent(String userId) {
		return new Participant("agent", userId, "Agent");
	}

}
