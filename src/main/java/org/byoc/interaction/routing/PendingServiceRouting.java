package org.byoc.interaction.routing;

import java.time.Instant;
import java.util.Map;

/**
 * A pending service routing (PSR, {@code 0JR...}): a conversation's work item waiting for a rep. At most one per
 * conversation is {@link Status#Open}; it closes when a rep accepts the work (Completed), when the partner clears
 * it or the session ends (Canceled), or when the partner reports that routing failed (Failed).
 *
 * @param origin who asked for the routing
 * @param flowId the Omni flow to route with (its fallback queue is {@code queueId}), or null
 * @param queueId the queue to route to (or the flow's fallback queue), or null when a user is the target
 * @param userId the rep a transfer names, or null
 * @param routingCorrelationId what the partner sends back as {@code routingContext.routingCorrelationId}; for a
 * transfer, the {@code eventId} of the RoutingRequested event
 * @param salesforceRouted whether the service's router routes it (the channel's routingOwner is Salesforce)
 * @param queuePosition the queue position last announced to the end user's side (QueuePosition), null while the
 * routing does not wait in a queue
 */
public record PendingServiceRouting(String id, String orgKey, String conversationIdentifier, String workItemId,
		String channelDeveloperName, RoutingType routingType, Origin origin, String flowId, String queueId,
		String userId, Map<String, String> routingAttributes, String routingCorrelationId, Status status,
		String cancelReason, String resultMessage, Boolean externallyRouted, Instant createdAt, Instant closedAt,
		boolean salesforceRouted, Integer queuePosition) {

	public static final String KEY_PREFIX = "0JR";

	public PendingServiceRouting {
		routingAttributes = Map.copyOf(routingAttributes);
	}

	public boolean isOpen() {
		return this.status == Status.Open;
	}

	public enum Status {

		Open, Completed, Canceled, Failed

	}

	/** {@code Route}: the partner's POST /route; {@code Channel}: a Salesforce-routed channel's first message. */
	public enum Origin {

		Route, Channel, Transfer

	}

}
