package org.byoc.interaction.routing.session;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;

/**
 * {@code POST /api/v1/messagingSession} (contract §B15): the partner ends or inactivates a session. Operation
 * (10102), operationBy (10103) and the sessionId Inactivate needs (10106) are checked before anything is looked up.
 */
record MessagingSessionRequest(String channelAddressIdentifier, String endUserClientId,
		String conversationIdentifier, String sessionId, Operation operation, OperationBy operationBy) {

	static MessagingSessionRequest from(JsonFields body) {
		Operation operation = body.requiredEnum("operation", Operation.class,
				ErrorCode.MESSAGING_SESSION_OPERATION_INVALID);
		OperationBy operationBy = body.enumValue("operationBy", OperationBy.class, ErrorCode.OPERATION_BY_INVALID);
		String sessionId = body.text("sessionId", ErrorCode.SESSION_ID_INVALID);
		if (operation == Operation.Inactivate && (sessionId == null || sessionId.isBlank())) {
			throw ErrorCode.SESSION_ID_MISSING.exception("sessionId is required to Inactivate a session.");
		}
		return new MessagingSessionRequest(
				body.requiredText("channelAddressIdentifier", ErrorCode.CHANNEL_ADDRESS_IDENTIFIER_INVALID, 240),
				body.requiredText("endUserClientId", ErrorCode.END_USER_CLIENT_INVALID, 255),
				body.requiredText("conversationIdentifier", ErrorCode.CONVERSATION_IDENTIFIER_INVALID, 240),
				(sessionId != null && !sessionId.isBlank()) ? sessionId : null, operation, operationBy);
	}

	enum Operation {

		End, Inactivate

	}

	/** Who ended or inactivated the session, as the partner reports it. */
	enum OperationBy {

		EndUser, System

	}

}
