package org.byoc.interaction.routing.session;

import java.util.List;
import java.util.Set;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.routing.RouteRequest;

/**
 * {@code POST /api/v1/participant} (contract §B14): remove one rep from a conversation. {@code Remove} is the only
 * operation (10097); exactly one participant, a rep ({@code appType agent} 10037, role Agent or Supervisor 10038).
 */
record ParticipantRequest(String conversationIdentifier, Participant participant) {

	static final String REMOVE = "Remove";

	private static final Set<String> REP_ROLES = Set.of("Agent", "Supervisor");

	static ParticipantRequest from(JsonFields body) {
		String conversationIdentifier = body.requiredText("conversationIdentifier",
				ErrorCode.CONVERSATION_IDENTIFIER_INVALID, RouteRequest.MAX_ID_LENGTH);
		String operation = body.requiredText("operation", ErrorCode.PARTICIPANT_OPERATION_INVALID, 40);
		if (!REMOVE.equals(operation)) {
			throw ErrorCode.PARTICIPANT_OPERATION_INVALID
				.exception("operation must be Remove, not '" + operation + "'.");
		}
		List<JsonFields> participants = body.objects("participants", ErrorCode.INVALID_PARAMETERS);
		if (participants == null || participants.isEmpty()) {
			throw ErrorCode.EMPTY_PARTICIPANTS_LIST.exception("participants must name the one participant to remove.");
		}
		if (participants.size() > 1) {
			throw ErrorCode.INVALID_PARAMETERS
				.exception("participants must hold exactly one participant, not " + participants.size() + ".");
		}
		JsonFields participant = participants.get(0);
		String appType = participant.requiredText("appType", ErrorCode.INVALID_APP_TYPE, 40);
		if (!"agent".equals(appType)) {
			throw ErrorCode.INVALID_APP_TYPE.exception("Only reps (appType agent) can be removed, not '" + appType + "'.");
		}
		String role = participant.requiredText("role", ErrorCode.INVALID_PARTICIPANT_ROLE, 40);
		if (!REP_ROLES.contains(role)) {
			throw ErrorCode.INVALID_PARTICIPANT_ROLE.exception("role must be Agent or Supervisor, not '" + role + "'.");
		}
		String subject = participant.requiredText("subject", ErrorCode.INVALID_PARTICIPANT, 255);
		return new ParticipantRequest(conversationIdentifier, new Participant(appType, subject, role));
	}

}
