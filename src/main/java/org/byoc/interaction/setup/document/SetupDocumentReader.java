package org.byoc.interaction.setup.document;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.byoc.interaction.setup.BotIntegration;
import org.byoc.interaction.setup.Certificates;
import org.byoc.interaction.setup.Channel.ChannelAddress;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.ConnectedApp;
import org.byoc.interaction.setup.FaultRule;
import org.byoc.interaction.setup.Org.AppUser;
import org.byoc.interaction.setup.Org.Flow;
import org.byoc.interaction.setup.Org.OrgFeatures;
import org.byoc.interaction.setup.Org.Permission;
import org.byoc.interaction.setup.Org.PresenceStatus;
import org.byoc.interaction.setup.Org.Queue;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDocument;
import org.byoc.interaction.setup.SetupValidationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Turns a setup document (YAML or JSON) into a validated {@link SetupDocument}. Checks every key, every
 * cross-reference (pre-authorized users, a channel's app, queue and flow) and every uniqueness rule, and names the
 * source and the key in each refusal.
 */
public final class SetupDocumentReader {

	private static final Set<String> DOCUMENT_KEYS = Set.of("orgs");

	private static final Set<String> ORG_KEYS = Set.of("id", "name", "features", "users", "connectedApps", "queues",
			"flows", "channels", "botIntegrations", "managedSubscriptions", "presenceStatuses", "scriptedAgents",
			"strict", "faults");

	/** The most work units one user may take at once. */
	private static final int MAX_CAPACITY = 1000;

	private static final int MAX_ROUTING_PRIORITY = 1000;

	private static final Set<String> BOT_INTEGRATION_KEYS = Set.of("developerName", "connectedApp", "channels", "bots");

	/** The longest developer name or bot id the vendor allows (§B6: 240). */
	private static final int MAX_NAME_LENGTH = 240;

	private final YAMLMapper yaml = YAMLMapper.builder().build();

	private final JsonMapper json = JsonMapper.builder().build();

	public SetupDocument read(String text, Path baseDir, String source) {
		Object tree;
		try {
			tree = text.stripLeading().startsWith("{") ? this.json.readValue(text, Object.class)
					: this.yaml.readValue(text, Object.class);
		}
		catch (JacksonException ex) {
			throw new SetupValidationException(source, "(document)",
					"is not valid YAML or JSON: " + ex.getOriginalMessage());
		}
		TreeReader root = TreeReader.root(source, tree).allowOnly(DOCUMENT_KEYS);
		if (!root.has("orgs")) {
			throw root.fail("orgs", "is required (a list of orgs)");
		}
		List<Org> orgs = new ArrayList<>();
		Set<String> orgKeys = new HashSet<>();
		Set<String> consumerKeys = new HashSet<>();
		for (TreeReader org : root.objectList("orgs")) {
			Org read = org(org, baseDir);
			if (!orgKeys.add(read.key())) {
				throw org.fail("id", "org " + read.key() + " appears twice");
			}
			for (ConnectedApp app : read.connectedApps()) {
				if (!consumerKeys.add(app.consumerKey())) {
					throw org.fail("connectedApps", "consumer key " + app.consumerKey() + " is used by two apps");
				}
			}
			orgs.add(read);
		}
		return new SetupDocument(orgs);
	}

	private Org org(TreeReader org, Path baseDir) {
		org.allowOnly(ORG_KEYS);
		String id = recordId(org, "id");
		String name = org.requiredString("name");
		OrgFeatures features = features(org.optionalObject("features"));
		List<AppUser> users = new ArrayList<>();
		for (TreeReader user : unique(org.objectList("users"), "username")) {
			user.allowOnly(Set.of("id", "username", "displayName", "capacity", "permissions"));
			users.add(new AppUser(recordId(user, "id"), user.requiredString("username"),
					user.optionalString("displayName"),
					user.optionalPositiveInt("capacity", AppUser.DEFAULT_CAPACITY, MAX_CAPACITY), permissions(user)));
		}
		users = ScriptedAgentsReader.users(org, users);
		List<Queue> queues = new ArrayList<>();
		for (TreeReader queue : unique(org.objectList("queues"), "id")) {
			queue.allowOnly(Set.of("id", "name", "routingPriority", "members"));
			queues.add(new Queue(recordId(queue, "id"), queue.requiredString("name"),
					queue.optionalPositiveInt("routingPriority", Queue.DEFAULT_PRIORITY, MAX_ROUTING_PRIORITY),
					members(queue, users)));
		}
		List<Flow> flows = new ArrayList<>();
		for (TreeReader flow : unique(org.objectList("flows"), "id")) {
			flow.allowOnly(Set.of("id", "name"));
			flows.add(new Flow(recordId(flow, "id"), flow.requiredString("name")));
		}
		Org partial = new Org(id, name, features, users, List.of(), queues, flows, List.of());
		List<ConnectedApp> apps = new ArrayList<>();
		for (TreeReader app : unique(org.objectList("connectedApps"), "consumerKey")) {
			apps.add(connectedApp(app, partial, baseDir));
		}
		List<Channel> channels = new ArrayList<>();
		Set<String> addresses = new HashSet<>();
		for (TreeReader channel : unique(org.objectList("channels"), "developerName")) {
			Channel read = ChannelReader.channel(channel, partial, apps);
			for (ChannelAddress address : read.addresses()) {
				if (!addresses.add(address.identifier())) {
					throw channel.fail("addresses",
							"address " + address.identifier() + " is used twice in org " + partial.key());
				}
			}
			channels.add(read);
		}
		List<BotIntegration> botIntegrations = new ArrayList<>();
		Set<String> botIds = new HashSet<>();
		for (TreeReader integration : unique(org.objectList("botIntegrations"), "developerName")) {
			BotIntegration read = botIntegration(integration, partial, apps, channels);
			for (int i = 0; i < read.bots().size(); i++) {
				if (!botIds.add(read.bots().get(i).id())) {
					throw integration.fail("bots[" + i + "].id",
							"bot " + read.bots().get(i).id() + " appears twice in org " + partial.key());
				}
			}
			botIntegrations.add(read);
		}
		List<PresenceStatus> statuses = new ArrayList<>();
		for (TreeReader status : unique(org.objectList("presenceStatuses"), "id")) {
			statuses.add(presenceStatus(status, partial, channels));
		}
		unique(org.objectList("presenceStatuses"), "name");
		return new Org(id, name, features, users, apps, queues, flows, channels, botIntegrations,
				ManagedSubscriptionsReader.read(org, partial.key(), channels), statuses,
				ScriptedAgentsReader.read(org, partial, statuses, baseDir), testKit(org));
	}

	/** {@code strict:} and {@code faults:}, the partner's test kit (docs/testing.md). */
	private static Org.TestKit testKit(TreeReader org) {
		boolean strict = org.optionalBoolean("strict", false);
		List<FaultRule> faults = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		List<TreeReader> rules = org.objectList("faults");
		for (int i = 0; i < rules.size(); i++) {
			FaultRule rule;
			try {
				rule = FaultRule.read("setup-" + (i + 1), rules.get(i).asMap());
			}
			catch (IllegalArgumentException ex) {
				throw org.fail("faults[" + i + "]", ex.getMessage());
			}
			if (!ids.add(rule.id())) {
				throw org.fail("faults[" + i + "].id", "rule " + rule.id() + " appears twice");
			}
			faults.add(rule);
		}
		return new Org.TestKit(strict, faults);
	}

	/** Absent: every permission; a list grants exactly the permissions it names. */
	private static Set<Permission> permissions(TreeReader user) {
		if (!user.has("permissions")) {
			return EnumSet.allOf(Permission.class);
		}
		Set<Permission> granted = EnumSet.noneOf(Permission.class);
		List<String> names = user.stringList("permissions");
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i);
			int index = i;
			granted.add(Arrays.stream(Permission.values())
				.filter((p) -> p.name().equals(name))
				.findFirst()
				.orElseThrow(() -> user.fail("permissions[" + index + "]", "'" + name + "' is not a permission (known: "
						+ String.join(", ", Arrays.stream(Permission.values()).map(Enum::name).toList()) + ")")));
		}
		return granted;
	}

	/** Absent: every user of the org; a list names users of the org, at least one. */
	private static List<String> members(TreeReader queue, List<AppUser> users) {
		if (!queue.has("members")) {
			return List.of();
		}
		List<String> members = queue.stringList("members");
		if (members.isEmpty()) {
			throw queue.fail("members", "must name at least one user (leave it out to let every user take the work)");
		}
		for (int i = 0; i < members.size(); i++) {
			String member = members.get(i);
			if (users.stream().noneMatch((u) -> OrgIds.sameId(u.id(), member))) {
				throw queue.fail("members[" + i + "]", "'" + member + "' is not the id of a user of this org");
			}
		}
		return members;
	}

	/** An Online status serves at least one channel of the org (or "all"); a Busy status serves none. */
	private static PresenceStatus presenceStatus(TreeReader status, Org org, List<Channel> channels) {
		status.allowOnly(Set.of("id", "name", "kind", "channels"));
		String id = recordId(status, "id");
		String name = status.requiredString("name");
		PresenceStatus.Kind kind = status.optionalEnum("kind", PresenceStatus.Kind.class, PresenceStatus.Kind.Online);
		List<String> served = status.stringList("channels");
		if (kind == PresenceStatus.Kind.Busy && !served.isEmpty()) {
			throw status.fail("channels", "a Busy status serves no channels");
		}
		if (kind == PresenceStatus.Kind.Online && served.isEmpty()) {
			throw status.fail("channels", "an Online status serves at least one channel (developer names, or "
					+ PresenceStatus.ALL_CHANNELS + ")");
		}
		for (int i = 0; i < served.size(); i++) {
			String channel = served.get(i);
			if (!channel.equals(PresenceStatus.ALL_CHANNELS)
					&& channels.stream().noneMatch((c) -> c.developerName().equals(channel))) {
				throw status.fail("channels[" + i + "]", "'" + channel + "' is not a channel of org " + org.key());
			}
		}
		return new PresenceStatus(id, name, kind, served);
	}

	/**
	 * A bring-your-own-bot integration: its developer name is an AuthorizationContext like a channel's, so the two
	 * must not collide; its app and channels must exist in the org.
	 */
	private static BotIntegration botIntegration(TreeReader integration, Org org, List<ConnectedApp> apps,
			List<Channel> channels) {
		integration.allowOnly(BOT_INTEGRATION_KEYS);
		String developerName = integration.requiredString("developerName");
		if (developerName.length() > MAX_NAME_LENGTH) {
			throw integration.fail("developerName", "must be at most " + MAX_NAME_LENGTH + " characters");
		}
		if (channels.stream().anyMatch((c) -> c.developerName().equals(developerName))) {
			throw integration.fail("developerName",
					"'" + developerName + "' is already the developer name of a channel of org " + org.key());
		}
		String app = integration.requiredString("connectedApp");
		if (apps.stream().noneMatch((a) -> a.consumerKey().equals(app))) {
			throw integration.fail("connectedApp", "'" + app + "' is not a connected app of org " + org.key());
		}
		List<String> allowed = integration.stringList("channels");
		if (allowed.isEmpty()) {
			throw integration.fail("channels", "is required (developer names of the channels the bots may join)");
		}
		for (int i = 0; i < allowed.size(); i++) {
			String channel = allowed.get(i);
			if (channels.stream().noneMatch((c) -> c.developerName().equals(channel))) {
				throw integration.fail("channels[" + i + "]", "'" + channel + "' is not a channel of org " + org.key());
			}
		}
		List<BotIntegration.Bot> bots = new ArrayList<>();
		for (TreeReader bot : unique(integration.objectList("bots"), "id")) {
			bot.allowOnly(Set.of("id", "name", "active"));
			String botId = bot.requiredString("id");
			if (botId.length() > MAX_NAME_LENGTH) {
				throw bot.fail("id", "must be at most " + MAX_NAME_LENGTH + " characters");
			}
			bots.add(new BotIntegration.Bot(botId, bot.requiredString("name"), bot.optionalBoolean("active", true)));
		}
		if (bots.isEmpty()) {
			throw integration.fail("bots", "is required (at least one bot: id, name, active)");
		}
		return new BotIntegration(org.id(), developerName, app, allowed, bots);
	}

	private static OrgFeatures features(TreeReader features) {
		if (features == null) {
			return OrgFeatures.ALL;
		}
		features.allowOnly(Set.of("ccaas", "conferencing", "cancelReasons", "historyMessagingSession",
				"interactionApi"));
		return new OrgFeatures(features.optionalBoolean("ccaas", true), features.optionalBoolean("conferencing", true),
				features.optionalBoolean("cancelReasons", true),
				features.optionalBoolean("historyMessagingSession", true),
				features.optionalBoolean("interactionApi", true));
	}

	private ConnectedApp connectedApp(TreeReader app, Org org, Path baseDir) {
		app.allowOnly(Set.of("consumerKey", "certificate", "scopes", "preAuthorizedUsers"));
		String consumerKey = app.requiredString("consumerKey");
		String pem = certificate(app, baseDir);
		List<String> preAuthorized = app.stringList("preAuthorizedUsers");
		for (int i = 0; i < preAuthorized.size(); i++) {
			if (org.userByUsername(preAuthorized.get(i)).isEmpty()) {
				throw app.fail("preAuthorizedUsers[" + i + "]",
						"'" + preAuthorized.get(i) + "' is not a username of org " + org.key());
			}
		}
		return new ConnectedApp(org.id(), consumerKey, pem, app.stringList("scopes"), preAuthorized);
	}

	private String certificate(TreeReader app, Path baseDir) {
		String value = app.requiredString("certificate");
		String pem = value;
		if (!Certificates.looksLikePem(value)) {
			Path file = (baseDir != null) ? baseDir.resolve(value) : Path.of(value);
			try {
				pem = Files.readString(file, StandardCharsets.US_ASCII);
			}
			catch (IOException | RuntimeException ex) {
				throw app.fail("certificate", "cannot read certificate file " + file.toAbsolutePath().normalize());
			}
		}
		try {
			Certificates.parse(pem);
		}
		catch (IllegalArgumentException ex) {
			throw app.fail("certificate", ex.getMessage());
		}
		return pem.strip() + "\n";
	}

	static String recordId(TreeReader reader, String key) {
		String id = reader.requiredString(key);
		if (!OrgIds.isWellFormed(id)) {
			throw reader.fail(key, "'" + id + "' must be a 15 or 18 character record id");
		}
		return id;
	}

	/** Refuses two list items with the same value of {@code key} (compared as record ids or verbatim). */
	static List<TreeReader> unique(List<TreeReader> items, String key) {
		Set<String> seen = new HashSet<>();
		for (TreeReader item : items) {
			String value = item.optionalString(key);
			if (value != null && !seen.add(OrgIds.isWellFormed(value) ? OrgIds.key(value) : value.toLowerCase())) {
				throw item.fail(key, "'" + value + "' appears twice");
			}
		}
		return items;
	}

}
