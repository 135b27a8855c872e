package org.byoc.interaction.routing.presence;

import java.time.Instant;

import org.byoc.interaction.setup.Org;

/**
 * An agent's presence as Omni-Channel has it: a presence status of the org's setup, or none (Offline).
 *
 * @param status the current status, null when Offline (never set, set Offline, or a status the setup no longer has)
 * @param changedAt when the status last changed, null when it never was set
 * @param lastRoutedAt when the service's router last offered the agent work, null when it never did
 */
public record AgentPresence(String orgKey, String userId, Org.PresenceStatus status, Instant changedAt,
		Instant lastRoutedAt) {

	public static final String OFFLINE = "Offline";

	public boolean isOffline() {
		return this.status == null;
	}

	/** Whether the agent's status is tied to the channel: Online, and serving it. */
	public boolean serves(String channelDeveloperName) {
		return this.status != null && this.status.serves(channelDeveloperName);
	}

	/** The status's name, or {@value #OFFLINE}. */
	public String statusName() {
		return (this.status != null) ? this.status.name() : OFFLINE;
	}

	/** {@code Online}, {@code Busy} or {@value #OFFLINE}. */
	public String kind() {
		return (this.status != null) ? this.status.kind().name() : OFFLINE;
	}

	/** Since when the agent waits for work: the later of their last offer and their last status change. */
	public Instant idleSince() {
		if (this.lastRoutedAt == null) {
			return this.changedAt;
		}
		return (this.changedAt == null || this.lastRoutedAt.isAfter(this.changedAt)) ? this.lastRoutedAt
				: this.changedAt;
	}

}
