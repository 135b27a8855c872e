package org.byoc.interaction.routing.work;

import java.util.List;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;
import org.byoc.interaction.routing.RouteRequest;
import org.byoc.interaction.routing.RoutingType;

/**
 * {@code POST /api/v1/agentWork} (contract §B2). The shape is checked here; what needs the org, the work item or
 * its pending routing is checked by {@link AgentWorks}.
 */
public record AgentWorkRequest(String userId, String workItemId, Double capacityPercentage, Double capacityWeight,
		RoutingContext routingContext, Boolean transferVisible, Boolean conferenceVisible) {

	/** A MessagingSession id in its 15-character form, as the contract requires for work item ids. */
	static final int WORK_ITEM_ID_LENGTH = 15;

	static AgentWorkRequest from(JsonFields body) {
		String userId = body.requiredText("userId", ErrorCode.USER_ID_INVALID, 255);
		String workItemId = workItemId(body);
		Double percentage = body.number("capacityPercentage", ErrorCode.CAPACITY_PERCENTAGE_OUT_OF_RANGE);
		Double weight = body.number("capacityWeight", ErrorCode.CAPACITY_WEIGHT_OUT_OF_RANGE);
		if (percentage != null && weight != null) {
			throw ErrorCode.CAPACITY_INVALID.exception("Send capacityPercentage or capacityWeight, not both.");
		}
		if (weight != null && weight < 0) {
			throw ErrorCode.CAPACITY_WEIGHT_OUT_OF_RANGE.exception("capacityWeight must not be negative, was " + weight + ".");
		}
		if (percentage != null && (percentage < 0 || percentage > 100)) {
			throw ErrorCode.CAPACITY_PERCENTAGE_OUT_OF_RANGE
				.exception("capacityPercentage must be between 0 and 100, was " + percentage + ".");
		}
		JsonFields context = body.object("routingContext", ErrorCode.INVALID_PARAMETERS);
		Boolean transfer = null;
		Boolean conference = null;
		List<JsonFields> visibilities = body.objects("agentActionVisibilities", ErrorCode.INVALID_PARAMETERS);
		for (JsonFields visibility : (visibilities != null) ? visibilities : List.<JsonFields>of()) {
			AgentAction action = visibility.requiredEnum("agentAction", AgentAction.class, ErrorCode.INVALID_PARAMETERS);
			boolean visible = visibility.requireBool("visible", ErrorCode.INVALID_PARAMETERS);
			if (action == AgentAction.Transfer) {
				transfer = visible;
			}
			else {
				conference = visible;
			}
		}
		return new AgentWorkRequest(userId, workItemId, percentage, weight,
				(context != null) ? RoutingContext.from(context) : null, transfer, conference);
	}

	/** {@code workItemId}: exactly 15 characters (10012). */
	public static String workItemId(JsonFields body) {
		String workItemId = body.requiredText("workItemId", ErrorCode.WORKITEM_ID_INVALID, 255);
		if (workItemId.length() != WORK_ITEM_ID_LENGTH) {
			throw ErrorCode.WORKITEM_ID_INVALID.exception("workItemId must be a 15-character messaging session id, not "
					+ workItemId.length() + " characters.");
		}
		return workItemId;
	}

	boolean hasCapacity() {
		return this.capacityPercentage != null || this.capacityWeight != null;
	}

	/** The routing a work item came from: what the partner's router was asked, and how it answered. */
	record RoutingContext(String conversationIdentifier, RoutingType routingType, String routingCorrelationId) {

		static RoutingContext from(JsonFields context) {
			return new RoutingContext(
					context.requiredText("conversationIdentifier", ErrorCode.CONVERSATION_IDENTIFIER_INVALID,
							RouteRequest.MAX_ID_LENGTH),
					context.requiredEnum("routingType", RoutingType.class, ErrorCode.INVALID_PARAMETERS),
					context.requiredText("routingCorrelationId", ErrorCode.INVALID_PARAMETERS, 255));
		}

	}

	/** Rep actions the partner may show or hide for a work (agentActionVisibilities). */
	enum AgentAction {

		Transfer, Conference

	}

}
