package org.byoc.interaction.routing;

/** How a conversation is routed (contract RoutingType): first routing, a transfer, or adding reps (conference). */
public enum RoutingType {

	Initial, Transfer, Conference

}
