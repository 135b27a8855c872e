package org.byoc.interaction.conversation.message;

import java.util.Set;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;
import org.byoc.interaction.outbound.Participant;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Participant ({@code {appType, subject, role}}, contract §B) with the codes the contract gives its faults:
 * an appType outside the AppType enum 10037, a role outside the inbound ParticipantRole enum 10038, a missing,
 * blank or over-long subject 10054. Both enums are compared exactly, as the vendor's do.
 */
public final class ParticipantFields {

	static final Set<String> APP_TYPES = Set.of("custom", "agent", "chatbot", "conversation", "live_message",
			"iamessage");

	static final Set<String> ROLES = Set.of("EndUser", "Chatbot", "Agent", "Supervisor", "System");

	public static final String CHATBOT_APP_TYPE = "chatbot";

	public static final String CHATBOT_ROLE = "Chatbot";

	public static final int MAX_SUBJECT_LENGTH = 255;

	private ParticipantFields() {
	}

	public static Participant read(JsonFields participant) {
		String appType = enumValue(participant, "appType", APP_TYPES, ErrorCode.INVALID_APP_TYPE);
		String role = enumValue(participant, "role", ROLES, ErrorCode.INVALID_PARTICIPANT_ROLE);
		JsonNode raw = participant.raw("subject");
		String subject = (raw != null && (raw.isString() || raw.isIntegralNumber())) ? raw.asString() : null;
		if (subject == null || subject.isBlank()) {
			throw ErrorCode.INVALID_PARTICIPANT_SUBJECT
				.exception(participant.path("subject") + " is required and must be a non-blank string.");
		}
		if (subject.length() > MAX_SUBJECT_LENGTH) {
			throw ErrorCode.INVALID_PARTICIPANT_SUBJECT
				.exception(participant.path("subject") + " must be at most " + MAX_SUBJECT_LENGTH + " characters long.");
		}
		participant.string("subject");
		return new Participant(appType, subject, role);
	}

	private static String enumValue(JsonFields participant, String name, Set<String> allowed, ErrorCode code) {
		JsonNode value = participant.raw(name);
		if (value == null || !value.isString() || !allowed.contains(value.stringValue())) {
			throw code.exception(participant.path(name) + " must be one of "
					+ allowed.stream().sorted().toList() + ".");
		}
		return participant.string(name);
	}

}
