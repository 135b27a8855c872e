package org.byoc.interaction.routing;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;

/** {@code DELETE /api/v1/route} (contract §B5): clear the conversation's pending routing. */
record DeleteRouteRequest(String conversationIdentifier, CancelReason cancelReason) {

	static DeleteRouteRequest from(JsonFields body) {
		return new DeleteRouteRequest(
				body.requiredText("conversationIdentifier", ErrorCode.CONVERSATION_IDENTIFIER_INVALID,
						RouteRequest.MAX_ID_LENGTH),
				body.enumValue("cancelReason", CancelReason.class, ErrorCode.INVALID_PARAMETERS));
	}

	/** Why the partner clears a routing. */
	enum CancelReason {

		Unknown, Unavailable, Decline, Cancel

	}

}
