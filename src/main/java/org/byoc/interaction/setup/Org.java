package org.byoc.interaction.setup;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An org as configured in the setup: what the vendor keeps in its Setup UI. {@code id} is as written in the setup
 * (15 or 18 chars); {@link #key()} is its 15-character prefix, the value every lookup and comparison uses.
 */
public record Org(String id, String name, OrgFeatures features, List<AppUser> users, List<ConnectedApp> connectedApps,
		List<Queue> queues, List<Flow> flows, List<Channel> channels, List<BotIntegration> botIntegrations,
		List<ManagedSubscription> managedSubscriptions, List<PresenceStatus> presenceStatuses,
		List<ScriptedAgent> scriptedAgents, TestKit testKit) {

	public Org {
		users = List.copyOf(users);
		connectedApps = List.copyOf(connectedApps);
		queues = List.copyOf(queues);
		flows = List.copyOf(flows);
		channels = List.copyOf(channels);
		botIntegrations = List.copyOf(botIntegrations);
		managedSubscriptions = List.copyOf(managedSubscriptions);
		presenceStatuses = List.copyOf(presenceStatuses);
		scriptedAgents = List.copyOf(scriptedAgents);
	}

	/** An org without test kit settings (not strict, no faults). */
	public Org(String id, String name, OrgFeatures features, List<AppUser> users, List<ConnectedApp> connectedApps,
			List<Queue> queues, List<Flow> flows, List<Channel> channels, List<BotIntegration> botIntegrations,
			List<ManagedSubscription> managedSubscriptions, List<PresenceStatus> presenceStatuses,
			List<ScriptedAgent> scriptedAgents) {
		this(id, name, features, users, connectedApps, queues, flows, channels, botIntegrations, managedSubscriptions,
				presenceStatuses, scriptedAgents, TestKit.NONE);
	}

	/** An org without scripted agents. */
	public Org(String id, String name, OrgFeatures features, List<AppUser> users, List<ConnectedApp> connectedApps,
			List<Queue> queues, List<Flow> flows, List<Channel> channels, List<BotIntegration> botIntegrations,
			List<ManagedSubscription> managedSubscriptions, List<PresenceStatus> presenceStatuses, TestKit testKit) {
		this(id, name, features, users, connectedApps, queues, flows, channels, botIntegrations, managedSubscriptions,
				presenceStatuses, List.of(), testKit);
	}

	/** An org without scripted agents or test kit settings. */
	public Org(String id, String name, OrgFeatures features, List<AppUser> users, List<ConnectedApp> connectedApps,
			List<Queue> queues, List<Flow> flows, List<Channel> channels, List<BotIntegration> botIntegrations,
			List<ManagedSubscription> managedSubscriptions, List<PresenceStatus> presenceStatuses) {
		this(id, name, features, users, connectedApps, queues, flows, channels, botIntegrations, managedSubscriptions,
				presenceStatuses, List.of(), TestKit.NONE);
	}

	/** An org without managed Pub/Sub subscriptions or presence statuses (see {@link #modelsPresence()}). */
	public Org(String id, String name, OrgFeatures features, List<AppUser> users, List<ConnectedApp> connectedApps,
			List<Queue> queues, List<Flow> flows, List<Channel> channels, List<BotIntegration> botIntegrations) {
		this(id, name, features, users, connectedApps, queues, flows, channels, botIntegrations, List.of(), List.of());
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
				this.channels, this.botIntegrations, subscriptions, this.presenceStatuses, this.scriptedAgents,
				this.testKit);
	}

	/** The scripted agent acting as this user, if any. */
	public Optional<ScriptedAgent> scriptedAgent(String userId) {
		return this.scriptedAgents.stream().filter((a) -> OrgIds.sameId(a.userId(), userId)).findFirst();
	}

	public Optional<PresenceStatus> presenceStatus(String statusId) {
		return this.presenceStatuses.stream().filter((s) -> OrgIds.sameId(s.id(), statusId)).findFirst();
	}

	/**
	 * Whether the org models Omni-Channel presence: only an org whose setup declares presence statuses has agents
	 * who are Online for some channels; there POST /agentWork checks the agent's status (15108, 15112) and queued
	 * work is offered to available agents. Without statuses nobody is ever Online and agents take queued work by
	 * hand.
	 */
	public boolean modelsPresence() {
		return !this.presenceStatuses.isEmpty();
	}

	/** Whether some presence status of the org serves the channel (the channel is an Omni service channel). */
	public boolean hasServiceChannel(String channelDeveloperName) {
		return this.presenceStatuses.stream().anyMatch((status) -> status.serves(channelDeveloperName));
	}

	/**
	 * A user of the org, as the token's {@code sub} (username) and agents' {@code userId} refer to it.
	 *
	 * @param capacity how many units of work the user handles at once (Omni-Channel's capacity; a pushed work item
	 * takes 1)
	 * @param permissions what the user may do; every permission unless the setup lists them
	 */
	public record AppUser(String id, String username, String displayName, int capacity, Set<Permission> permissions) {

		public static final int DEFAULT_CAPACITY = 1;

		public AppUser {
			permissions = Set.copyOf(permissions);
		}

		/** A user with the default capacity and every permission. */
		public AppUser(String id, String username, String displayName) {
			this(id, username, displayName, DEFAULT_CAPACITY, EnumSet.allOf(Permission.class));
		}

		public boolean has(Permission permission) {
			return this.permissions.contains(permission);
		}

	}

	/** User permissions the service checks. {@code PartnerMessaging}: may take partner messaging work (15105). */
	public enum Permission {

		PartnerMessaging

	}

	/**
	 * A queue. {@code routingPriority}: which queue's work goes first when an agent serves several (1 first, the
	 * vendor's routing priority); within a queue work is first in, first out. {@code members}: the users its work
	 * may go to; empty: every user of the org.
	 */
	public record Queue(String id, String name, int routingPriority, List<String> members) {

		public static final int DEFAULT_PRIORITY = 1;

		public Queue {
			members = List.copyOf(members);
		}

		public Queue(String id, String name) {
			this(id, name, DEFAULT_PRIORITY, List.of());
		}

		public boolean hasMember(String userId) {
			return this.members.isEmpty() || this.members.stream().anyMatch((m) -> OrgIds.sameId(m, userId));
		}

	}

	/**
	 * A presence status (the vendor's ServicePresenceStatus, {@code 0N5...}) an agent can be in. {@code Online}
	 * statuses serve channels (developer names, or {@link #ALL_CHANNELS}); {@code Busy} ones serve none. An agent
	 * without a status is Offline.
	 */
	public record PresenceStatus(String id, String name, Kind kind, List<String> channels) {

		public static final String ALL_CHANNELS = "all";

		public PresenceStatus {
			channels = List.copyOf(channels);
		}

		public boolean serves(String channelDeveloperName) {
			return this.kind == Kind.Online
					&& (this.channels.contains(ALL_CHANNELS) || this.channels.contains(channelDeveloperName));
		}

		public enum Kind {

			Online, Busy

		}

	}

	public record Flow(String id, String name) {
	}

	/**
	 * Per-org switches behind the contract's "org not ready" codes; each is on unless the setup turns it off.
	 * {@code historyMessagingSession}: conversationHistory accepts the {@code messagingSession} parameter (10063).
	 * {@code interactionApi}: the org holds the permission to use the Interaction API at all (10099 without it,
	 * as when the vendor's Bring Your Own Channel license is missing or has lapsed).
	 */
	/**
	 * The partner's test kit for the org (setup YAML {@code strict:} and {@code faults:}): strict mode refuses what
	 * the service otherwise accepts with a warning in the request journal; faults are injected into its traffic.
	 */
	public record TestKit(boolean strict, List<FaultRule> faults) {

		public static final TestKit NONE = new TestKit(false, List.of());

		public TestKit {
			faults = List.copyOf(faults);
		}

	}

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
