package org.byoc.interaction.routing;

import java.util.Map;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;

/**
 * {@code POST /api/v1/route} (contract §B4). Without {@code routingInfo} the channel's routing applies; with it,
 * exactly one of a flow (with its fallback queue, 10024) or a queue (10030).
 */
public record RouteRequest(String conversationIdentifier, RoutingType routingType, RoutingInfo routingInfo) {

	public static final int MAX_ID_LENGTH = 240;

	static RouteRequest from(JsonFields body) {
		String conversationIdentifier = body.requiredText("conversationIdentifier",
				ErrorCode.CONVERSATION_IDENTIFIER_INVALID, MAX_ID_LENGTH);
		RoutingType routingType = body.requiredEnum("routingType", RoutingType.class, ErrorCode.INVALID_PARAMETERS);
		JsonFields info = body.object("routingInfo", ErrorCode.INVALID_ROUTING_CONFIG_ERROR);
		return new RouteRequest(conversationIdentifier, routingType, (info != null) ? RoutingInfo.from(info) : null);
	}

	/** A flow with its fallback queue, or a queue; plus routing attributes (channel variable name to value). */
	record RoutingInfo(String flowId, String queueId, Map<String, String> routingAttributes) {

		static RoutingInfo from(JsonFields info) {
			Map<String, String> attributes = info.strings("routingAttributes", ErrorCode.INVALID_PARAMETERS);
			JsonFields flow = info.object("flow", ErrorCode.INVALID_FLOW_ROUTING_CONFIG_ERROR);
			String queueId = info.text("queueId", ErrorCode.INVALID_QUEUE_ROUTING_CONFIG_ERROR);
			if (flow != null && info.raw("queueId") != null) {
				throw ErrorCode.INVALID_ROUTING_CONFIG_ERROR
					.exception("routingInfo names both a flow and a queueId; send one of them.");
			}
			if (flow == null && queueId == null) {
				throw ErrorCode.INVALID_ROUTING_CONFIG_ERROR.exception(
						"routingInfo needs a flow (flowId and fallback queueId) or a queueId; omit routingInfo to "
								+ "use the channel's routing.");
			}
			if (flow == null) {
				if (queueId.isBlank()) {
					throw ErrorCode.INVALID_QUEUE_ROUTING_CONFIG_ERROR.exception("routingInfo.queueId is empty.");
				}
				return new RoutingInfo(null, queueId, attributes);
			}
			String flowId = flow.text("flowId", ErrorCode.INVALID_FLOW_ROUTING_CONFIG_ERROR);
			String fallbackQueueId = flow.text("queueId", ErrorCode.INVALID_FLOW_ROUTING_CONFIG_ERROR);
			if (flowId == null || flowId.isBlank() || fallbackQueueId == null || fallbackQueueId.isBlank()) {
				throw ErrorCode.INVALID_FLOW_ROUTING_CONFIG_ERROR
					.exception("routingInfo.flow needs both flowId and a fallback queueId.");
			}
			return new RoutingInfo(flowId, fallbackQueueId, attributes);
		}

	}

}
