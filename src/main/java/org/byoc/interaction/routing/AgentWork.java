package org.byoc.interaction.routing;

import java.time.Instant;

/**
 * A rep's work on a work item (AgentWork, {@code 0Bz...}). Assigned until the rep accepts (Opened: the rep joined
 * the conversation) or declines (Declined); Opened until the rep leaves or the session ends (Closed); Canceled when
 * the routing it belonged to went away before the rep answered. Assigned and Opened work is active: one per
 * (user, work item).
 *
 * @param transferVisible the partner's agentActionVisibilities for Transfer, null when not given
 * @param conferenceVisible the same for Conference
 */
public record AgentWork(String id, String orgKey, String userId, String workItemId, String conversationIdentifier,
		String psrId, RoutingType routingType, String routingCorrelationId, Double capacityPercentage,
		Double capacityWeight, Boolean transferVisible, Boolean conferenceVisible, Status status, Instant createdAt,
		Instant acceptedAt, Instant closedAt) {

	public static final String KEY_PREFIX = "0Bz";

	public boolean isActive() {
		return this.status == Status.Assigned || this.status == Status.Opened;
	}

	public enum Status {

		Assigned, Opened, Closed, Declined, Canceled

	}

}
