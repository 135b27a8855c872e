package org.byoc.interaction.setup.document;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.byoc.interaction.setup.FaultRule;
import org.byoc.interaction.setup.BotIntegration;
import org.byoc.interaction.setup.Channel.OutboundEventDefinition;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.ConsentKeywords;
import org.byoc.interaction.setup.ManagedSubscription;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDocument;

/**
 * Writes a setup back as the tree the setup file uses (same keys, same order), certificates inline, so an export
 * applied again changes nothing.
 */
public final class SetupDocumentWriter {

	public Map<String, Object> document(SetupDocument document) {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("orgs", document.orgs().stream().map(this::org).toList());
		return root;
	}

	public Map<String, Object> org(Org org) {
		Map<String, Object> tree = new LinkedHashMap<>();
		tree.put("id", org.id());
		tree.put("name", org.name());
		Map<String, Object> features = new LinkedHashMap<>();
		features.put("ccaas", org.features().ccaas());
		features.put("conferencing", org.features().conferencing());
		features.put("cancelReasons", org.features().cancelReasons());
		// written only when switched off, so setups that never mention it keep their stored form
		if (!org.features().historyMessagingSession()) {
			features.put("historyMessagingSession", false);
		}
		if (!org.features().interactionApi()) {
			features.put("interactionApi", false);
		}
		tree.put("features", features);
		tree.put("users", org.users().stream().map((u) -> {
			Map<String, Object> user = new LinkedHashMap<>();
			user.put("id", u.id());
			user.put("username", u.username());
			putIfPresent(user, "displayName", u.displayName());
			// written only when they differ from the defaults, so setups that never mention them keep their stored form
			if (u.capacity() != Org.AppUser.DEFAULT_CAPACITY) {
				user.put("capacity", u.capacity());
			}
			if (!u.permissions().equals(EnumSet.allOf(Org.Permission.class))) {
				user.put("permissions", u.permissions().stream().map(Enum::name).sorted().toList());
			}
			return user;
		}).toList());
		tree.put("connectedApps", org.connectedApps().stream().map((a) -> {
			Map<String, Object> app = new LinkedHashMap<>();
			app.put("consumerKey", a.consumerKey());
			app.put("certificate", a.certificatePem());
			app.put("scopes", a.scopes());
			app.put("preAuthorizedUsers", a.preAuthorizedUsers());
			return app;
		}).toList());
		tree.put("queues", org.queues().stream().map((q) -> {
			Map<String, Object> queue = idAndName(q.id(), q.name());
			if (q.routingPriority() != Org.Queue.DEFAULT_PRIORITY) {
				queue.put("routingPriority", q.routingPriority());
			}
			if (!q.members().isEmpty()) {
				queue.put("members", q.members());
			}
			return queue;
		}).toList());
		tree.put("flows", org.flows().stream().map((f) -> idAndName(f.id(), f.name())).toList());
		tree.put("channels", org.channels().stream().map(this::channel).toList());
		if (!org.botIntegrations().isEmpty()) {
			tree.put("botIntegrations", org.botIntegrations().stream().map(SetupDocumentWriter::botIntegration).toList());
		}
		if (!org.managedSubscriptions().isEmpty()) {
			tree.put("managedSubscriptions",
					org.managedSubscriptions().stream().map(SetupDocumentWriter::managedSubscription).toList());
		}
		if (!org.presenceStatuses().isEmpty()) {
			tree.put("presenceStatuses", org.presenceStatuses().stream().map((s) -> {
				Map<String, Object> status = idAndName(s.id(), s.name());
				status.put("kind", s.kind().name());
				status.put("channels", s.channels());
				return status;
			}).toList());
		}
		if (!org.scriptedAgents().isEmpty()) {
			tree.put("scriptedAgents", org.scriptedAgents().stream().map(ScriptedAgentsWriter::agent).toList());
		}
		if (org.testKit().strict()) {
			tree.put("strict", true);
		}
		if (!org.testKit().faults().isEmpty()) {
			tree.put("faults", org.testKit().faults().stream().map(FaultRule::toMap).toList());
		}
		return tree;
	}

	private static Map<String, Object> botIntegration(BotIntegration integration) {
		Map<String, Object> tree = new LinkedHashMap<>();
		tree.put("developerName", integration.developerName());
		tree.put("connectedApp", integration.connectedApp());
		tree.put("channels", integration.channels());
		tree.put("bots", integration.bots().stream().map((b) -> {
			Map<String, Object> bot = new LinkedHashMap<>();
			bot.put("id", b.id());
			bot.put("name", b.name());
			bot.put("active", b.active());
			return bot;
		}).toList());
		return tree;
	}

	private static Map<String, Object> managedSubscription(ManagedSubscription subscription) {
		Map<String, Object> tree = new LinkedHashMap<>();
		putIfPresent(tree, "id", subscription.id());
		tree.put("developerName", subscription.developerName());
		tree.put("label", subscription.label());
		tree.put("topicName", subscription.topicName());
		tree.put("state", subscription.state().name());
		tree.put("defaultReplay", subscription.defaultReplay().name());
		tree.put("errorRecoveryReplay", subscription.errorRecoveryReplay().name());
		return tree;
	}

	private Map<String, Object> channel(Channel channel) {
		Map<String, Object> tree = new LinkedHashMap<>();
		tree.put("developerName", channel.developerName());
		tree.put("connectedApp", channel.connectedApp());
		tree.put("routingOwner", channel.routingOwner().name());
		tree.put("consentOwner", channel.consentOwner().name());
		tree.put("supportsKeywords", channel.supportsKeywords());
		if (!channel.consentKeywords().equals(ConsentKeywords.DEFAULT)) {
			Map<String, Object> keywords = new LinkedHashMap<>();
			keywords.put("optOut", channel.consentKeywords().optOut());
			keywords.put("optIn", channel.consentKeywords().optIn());
			keywords.put("optOutReply", channel.consentKeywords().optOutReply());
			keywords.put("optInReply", channel.consentKeywords().optInReply());
			tree.put("consentKeywords", keywords);
		}
		if (channel.routing() != null) {
			Map<String, Object> routing = new LinkedHashMap<>();
			if (channel.routing().isFlow()) {
				Map<String, Object> flow = new LinkedHashMap<>();
				flow.put("flowId", channel.routing().flowId());
				flow.put("queueId", channel.routing().queueId());
				routing.put("flow", flow);
			}
			else {
				routing.put("queueId", channel.routing().queueId());
			}
			tree.put("routing", routing);
		}
		tree.put("channelVariables", new LinkedHashMap<>(channel.channelVariables()));
		if (channel.outboundEvent() != null) {
			tree.put("outboundEvent", outboundEvent(channel.outboundEvent()));
		}
		List<Map<String, Object>> addresses = new ArrayList<>();
		for (Channel.ChannelAddress address : channel.addresses()) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("identifier", address.identifier());
			item.put("active", address.active());
			// written only when not the default, so setups that never mention them keep their stored form
			if (address.channelType() != Channel.ChannelAddress.ChannelType.Messaging) {
				item.put("channelType", address.channelType().name());
			}
			if (address.provider() != Channel.ChannelAddress.Provider.Partner) {
				item.put("provider", address.provider().name());
			}
			if (address.messagingChannelType() != Channel.ChannelAddress.MessagingChannelType.Custom) {
				item.put("messagingChannelType", address.messagingChannelType().name());
			}
			addresses.add(item);
		}
		tree.put("addresses", addresses);
		if (!channel.linkedToContactCenter()) {
			tree.put("linkedToContactCenter", false);
		}
		return tree;
	}

	private static Map<String, Object> outboundEvent(OutboundEventDefinition event) {
		Map<String, Object> tree = new LinkedHashMap<>();
		tree.put("name", event.name());
		tree.put("structure", event.structure().name());
		tree.put("payloadField", event.payloadField());
		putIfPresent(tree, "eventTypeField", event.eventTypeField());
		putIfPresent(tree, "channelAddressIdField", event.channelAddressIdField());
		putIfPresent(tree, "recipientField", event.recipientField());
		return tree;
	}

	private static Map<String, Object> idAndName(String id, String name) {
		Map<String, Object> tree = new LinkedHashMap<>();
		tree.put("id", id);
		tree.put("name", name);
		return tree;
	}

	private static void putIfPresent(Map<String, Object> tree, String key, Object value) {
		if (value != null) {
			tree.put(key, value);
		}
	}

}
