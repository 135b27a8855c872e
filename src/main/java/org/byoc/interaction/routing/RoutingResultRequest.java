package org.byoc.interaction.routing;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;
import org.byoc.interaction.routing.work.AgentWorkRequest;

/**
 * {@code POST /api/v1/routingResult} (contract §B10): whether the partner's routing of a work item succeeded. An
 * {@code errorMessage} is forbidden with success (10033) and required without it (10034).
 */
record RoutingResultRequest(String conversationIdentifier, String workItemId, boolean success,
		boolean externallyRouted, String errorMessage, RoutingType routingType) {

	static RoutingResultRequest from(JsonFields body) {
		String conversationIdentifier = body.requiredText("conversationIdentifier",
				ErrorCode.CONVERSATION_IDENTIFIER_INVALID, RouteRequest.MAX_ID_LENGTH);
		String workItemId = AgentWorkRequest.workItemId(body);
		boolean success = body.requireBool("success", ErrorCode.INVALID_PARAMETERS);
		boolean externallyRouted = body.requireBool("externallyRouted", ErrorCode.INVALID_PARAMETERS);
		String errorMessage = body.text("errorMessage", ErrorCode.INVALID_PARAMETERS);
		if (success && errorMessage != null) {
			throw ErrorCode.PASS_ERROR_MESSAGE_WHEN_SUCCESS
				.exception("errorMessage must not be sent when success is true.");
		}
		if (!success && (errorMessage == null || errorMessage.isBlank())) {
			throw ErrorCode.ERROR_MESSAGE_MISSING.exception("errorMessage is required when success is false.");
		}
		if (errorMessage != null && errorMessage.length() > 4000) {
			throw ErrorCode.INVALID_PARAMETERS.exception("errorMessage must be at most 4000 characters long.");
		}
		RoutingType routingType = body.enumValue("routingType", RoutingType.class, ErrorCode.INVALID_PARAMETERS);
		return new RoutingResultRequest(conversationIdentifier, workItemId, success, externallyRouted, errorMessage,
				routingType);
	}

}
