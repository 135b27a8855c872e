package org.byoc.interaction.routing.work;

import java.time.Instant;

import org.byoc.interaction.routing.RoutingType;

/**
 * A rep's work on a work item (AgentWork, {@code 0Bz...}). Assigned until the rep accepts (Opened: the rep joined
 * the conversation) or declines (Declined); Opened until the rep leaves or the session ends (Closed); Canceled when
 * the routing it belonged to went away before the rep answered. Assigned and Opened work is active: one per
 * (user, work item). Work the service's router offered (pushed) carries {@code pushTimeoutAt}: still Assigned
 * then, the offer goes back to the queue (DeclinedOnPushTimeout).
 *
 * @param transferVisible the partner's agentActionVisibilities for Transfer, null when not given
 * @param conferenceVisible the same for Conference
 * @param pushTimeoutAt when an offer of the router times out; null for work assigned otherwise
 */
public record AgentWork(String id, String orgKey, String userId, String workItemId, String conversationIdentifier,
		String psrId, RoutingType routingType, String routingCorrelationId, Double capacityPercentage,
		Double capacityWeight, Boolean transferVisible, Boolean conferenceVisible, Status status, Instant createdAt,
		Instant acceptedAt, Instant closedAt, Instant pushTimeoutAt) {

	public static final String KEY_PREFIX = "0Bz";

	public boolean isActive() {
		return this.status == Status.Assigned || this.status == Status.Opened;
	}

	/** Whether the service's router offered this work to the rep (rather than the partner, or the rep's pick-up). */
	public boolean isPushed() {
		return this.pushTimeoutAt != null;
	}

	/**
	 * How much of a rep's capacity the work takes: its capacityWeight, its capacityPercentage of the rep's capacity,
	 * or one unit.
	 */
	public double units(int capacity) {
		if (this.capacityWeight != null) {
			return this.capacityWeight;
		}
		if (this.capacityPercentage != null) {
			return this.capacityPercentage / 100.0 * capacity;
		}
		return 1;
	}

	public enum Status {

		Assigned, Opened, Closed, Declined, DeclinedOnPushTimeout, Canceled

	}

}
