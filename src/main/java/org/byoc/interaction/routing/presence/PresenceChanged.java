package org.byoc.interaction.routing.presence;

/**
 * An agent's presence status changed (published inside the changing transaction): the router looks at the org's
 * queues again once it commits.
 */
public record PresenceChanged(String orgKey, String userId, AgentPresence before, AgentPresence after) {
}
