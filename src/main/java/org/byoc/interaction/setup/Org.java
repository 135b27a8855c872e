package org.byoc.interaction.setup;

import java.util.List;
import java.util.Optional;

/**
 * An org as configured in the setup: what the vendor keeps in its Setup UI. {@code id} is as written in the setup
 * (15 or 18 chars); {@link #key()} is its 15-character prefix, the value every lookup and comparison uses.
 */
public record Org(String id, String name, OrgFeatures features, List<AppUser> users, List<ConnectedApp> connectedApps,
		List<Queue> queues, List<Flow> flows, List<Channel> channels, List<BotIntegration> botIntegrations,
		List<ManagedSubscription> managedSubscriptions) {

	public Org {
		users = List.copyOf(users);
		connectedApps = List.copyOf(connectedApps);
		queues = List.copyOf(queues);
		flows = List.copyOf(flows);
		channels = List.copyOf(channels);
		botIntegrations = List.copyOf(botIntegrations);
		managedSubscriptions = List.copyOf(managedSubscriptions);
	}

	/** An org without managed Pub/Sub subscriptions. */
	public Org(String id, String name, OrgFeatures features, List<AppUser> users, List<ConnectedApp> connectedApps,
			List<Queue> queues, List<Flow> flows, List<Channel> channels, List<BotIntegration> botIntegrations) {
		this(id, name, features, users, connectedApps, queues, flows, channels, botIntegrations, List.of());
	}

	/** An org without bring-your-own-bot integrations. */
	public Org(String id, String name, OrgFeatures features, List<AppUser> users, List<ConnectedApp> connectedApps,
			List<Queue> queues, List<Flow> flows, List<Channel> channels) {
		this(id, name, features, users, connectedApps, queues, flows, channels, List.of());
	}

	public String key() {
		return OrgIds.key(this.id);
	}

	public Optional<AppUser> userByUsername(String username) {
		return this.users.stream().filter((u) -> u.username().equalsIgnoreCase(username)).findFirst();
	}

	public Optional<AppUser> userById(String userId) {
		return this.users.stream().filter((u) -> OrgIds.sameId(u.id(), userId)).findFirst();
	}

	public Optional<Queue> queue(String queueId) {
		return this.queues.stream().filter((q) -> OrgIds.sameId(q.id(), queueId)).findFirst();
	}

	public Optional<Flow> flow(String flowId) {
		return this.flows.stream().filter((f) -> OrgIds.sameId(f.id(), flowId)).findFirst();
	}

	public Optional<Channel> channel(String developerName) {
		return this.channels.stream().filter((c) -> c.developerName().equals(developerName)).findFirst();
	}

	public Optional<BotIntegration> botIntegration(String developerName) {
		return this.botIntegrations.stream().filter((b) -> b.developerName().equals(developerName)).findFirst();
	}

	/** The integration that owns the bot with this id; bot ids are unique within an org. */
	public Optional<BotIntegration> integrationOfBot(String botId) {
		return this.botIntegrations.stream().filter((b) -> b.bot(botId).isPresent()).findFirst();
	}

	/** The managed subscription with this record id (15 or 18 characters) or developer name. */
	public Optional<ManagedSubscription> managedSubscription(String idOrName) {
		if (idOrName == null || idOrName.isBlank()) {
			return Optional.empty();
		}
		return this.managedSubscriptions.stream().filter((m) -> m.isNamed(idOrName)).findFirst();
	}

	/** The same org with these managed subscriptions instead of its own. */
	public Org withManagedSubscriptions(List<ManagedSubscription> subscriptions) {
		return new Org(this.id, this.name, this.features, this.users, this.connectedApps, this.queues, this.flows,
				this.channels, this.botIntegrations, subscriptions);
	}

	/** A user of the org, as the token's {@code sub} (username) and agents' {@code userId} refer to it. */
	public record AppUser(String id, String username, String displayName) {
	}

	public record Queue(String id, String name) {
	}

	public record Flow(String id, String name) {
	}

	/**
	 * Per-org switches behind the contract's "org not ready" codes; each is on unless the setup turns it off.
	 * {@code historyMessagingSession}: conversationHistory accepts the {@code messagingSession} parameter (10063).
	 * {@code interactionApi}: the org holds the permission to use the Interaction API at all (10099 without it,
	 * as when the vendor's Bring Your Own Channel license is missing or has lapsed).
	 */
	public record OrgFeatures(boolean ccaas, boolean conferencing, boolean cancelReasons,
			boolean historyMessagingSession, boolean interactionApi) {

		public static final OrgFeatures ALL = new OrgFeatures(true, true, true, true, true);

		public OrgFeatures(boolean ccaas, boolean conferencing, boolean cancelReasons) {
			this(ccaas, conferencing, cancelReasons, true, true);
		}

		public OrgFeatures(boolean ccaas, boolean conferencing, boolean cancelReasons,
				boolean historyMessagingSession) {
			this(ccaas, conferencing, cancelReasons, historyMessagingSession, true);
		}

	}

}
