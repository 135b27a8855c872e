package org.byoc.interaction.setup.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.byoc.interaction.setup.Channel.ChannelAddress;
import org.byoc.interaction.setup.Channel.ChannelRouting;
import org.byoc.interaction.setup.Channel.OutboundEventDefinition.Structure;
import org.byoc.interaction.setup.Channel.OutboundEventDefinition;
import org.byoc.interaction.setup.Channel.Owner;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.ConnectedApp;
import org.byoc.interaction.setup.ConsentKeywords;
import org.byoc.interaction.setup.Org;

/**
 * The channels of a setup document: addresses, consent owner and keywords, routing and the outbound event
 * definition, each refusal naming the key. Split from {@link SetupDocumentReader}, which reads the rest of an org.
 */
final class ChannelReader {

	private static final Set<String> CHANNEL_KEYS = Set.of("developerName", "connectedApp", "routingOwner",
			"consentOwner", "supportsKeywords", "consentKeywords", "routing", "channelVariables", "outboundEvent",
			"addresses", "linkedToContactCenter");

	private static final Set<String> CONSENT_KEYWORD_KEYS = Set.of("optOut", "optIn", "optOutReply", "optInReply");

	/** Longest keyword and confirmation text accepted (a confirmation is one message to the end user). */
	private static final int MAX_KEYWORD_LENGTH = 40;

	private static final int MAX_REPLY_LENGTH = 1000;

	private static final Set<String> EVENT_KEYS = Set.of("name", "structure", "payloadField", "eventTypeField",
			"channelAddressIdField", "recipientField");

	private ChannelReader() {
	}

	static Channel channel(TreeReader channel, Org org, List<ConnectedApp> apps) {
		channel.allowOnly(CHANNEL_KEYS);
		String developerName = channel.requiredString("developerName");
		String app = channel.requiredString("connectedApp");
		if (apps.stream().noneMatch((a) -> a.consumerKey().equals(app))) {
			throw channel.fail("connectedApp", "'" + app + "' is not a connected app of org " + org.key());
		}
		List<ChannelAddress> addresses = new ArrayList<>();
		for (TreeReader address : SetupDocumentReader.unique(channel.objectList("addresses"), "identifier")) {
			address.allowOnly(Set.of("identifier", "active", "channelType", "provider", "messagingChannelType"));
			String identifier = address.requiredString("identifier");
			if (identifier.length() > 240) {
				throw address.fail("identifier", "must be at most 240 characters");
			}
			addresses.add(new ChannelAddress(identifier, address.optionalBoolean("active", true),
					address.optionalEnum("channelType", ChannelAddress.ChannelType.class,
							ChannelAddress.ChannelType.Messaging),
					address.optionalEnum("provider", ChannelAddress.Provider.class, ChannelAddress.Provider.Partner),
					address.optionalEnum("messagingChannelType", ChannelAddress.MessagingChannelType.class,
							ChannelAddress.MessagingChannelType.Custom)));
		}
		Owner consentOwner = channel.optionalEnum("consentOwner", Owner.class, Owner.Partner);
		boolean supportsKeywords = channel.optionalBoolean("supportsKeywords", false);
		ConsentKeywords keywords = consentKeywords(channel.optionalObject("consentKeywords"));
		if (keywords != null && (consentOwner != Owner.Salesforce || !supportsKeywords)) {
			throw channel.fail("consentKeywords",
					"applies only to a channel with consentOwner: Salesforce and supportsKeywords: true");
		}
		return new Channel(org.id(), developerName, app, channel.optionalEnum("routingOwner", Owner.class, Owner.Partner),
				consentOwner, supportsKeywords, routing(channel.optionalObject("routing"), org),
				channel.positiveIntMap("channelVariables"), outboundEvent(channel.optionalObject("outboundEvent")),
				addresses, keywords, channel.optionalBoolean("linkedToContactCenter", true));
	}

	/** The channel's own opt-out and opt-in words and confirmations; each one left out keeps its default. */
	private static ConsentKeywords consentKeywords(TreeReader keywords) {
		if (keywords == null) {
			return null;
		}
		keywords.allowOnly(CONSENT_KEYWORD_KEYS);
		List<String> optOut = keywordList(keywords, "optOut", ConsentKeywords.DEFAULT_OPT_OUT);
		List<String> optIn = keywordList(keywords, "optIn", ConsentKeywords.DEFAULT_OPT_IN);
		ConsentKeywords read = new ConsentKeywords(optOut, optIn,
				reply(keywords, "optOutReply", ConsentKeywords.DEFAULT_OPT_OUT_REPLY),
				reply(keywords, "optInReply", ConsentKeywords.DEFAULT_OPT_IN_REPLY));
		for (String word : optIn) {
			if (read.match(word).orElse(null) == ConsentKeywords.Request.OptOut) {
				throw keywords.fail("optIn", "'" + word + "' is an opt-out keyword as well");
			}
		}
		return read;
	}

	private static List<String> keywordList(TreeReader keywords, String key, List<String> defaults) {
		if (!keywords.has(key)) {
			return defaults;
		}
		List<String> words = keywords.stringList(key);
		if (words.isEmpty()) {
			throw keywords.fail(key, "must list at least one keyword (leave it out for the defaults " + defaults + ")");
		}
		for (String word : words) {
			if (word.strip().length() > MAX_KEYWORD_LENGTH) {
				throw keywords.fail(key, "'" + word + "' is longer than " + MAX_KEYWORD_LENGTH + " characters");
			}
		}
		return words.stream().map(String::strip).toList();
	}

	private static String reply(TreeReader keywords, String key, String defaultReply) {
		String reply = keywords.optionalString(key);
		if (reply == null) {
			return defaultReply;
		}
		if (reply.isBlank() || reply.length() > MAX_REPLY_LENGTH) {
			throw keywords.fail(key, "must be a text of 1 to " + MAX_REPLY_LENGTH + " characters");
		}
		return reply;
	}

	private static ChannelRouting routing(TreeReader routing, Org org) {
		if (routing == null) {
			return null;
		}
		routing.allowOnly(Set.of("queueId", "flow"));
		TreeReader flow = routing.optionalObject("flow");
		if (flow != null && routing.has("queueId")) {
			throw routing.fail("flow", "give either queueId or flow, not both");
		}
		if (flow != null) {
			flow.allowOnly(Set.of("flowId", "queueId"));
			String flowId = flow.requiredString("flowId");
			String queueId = flow.requiredString("queueId");
			if (org.flow(flowId).isEmpty()) {
				throw flow.fail("flowId", "'" + flowId + "' is not a flow of org " + org.key());
			}
			requireQueue(flow, queueId, org);
			return new ChannelRouting(flowId, queueId);
		}
		String queueId = routing.requiredString("queueId");
		requireQueue(routing, queueId, org);
		return new ChannelRouting(null, queueId);
	}

	private static void requireQueue(TreeReader reader, String queueId, Org org) {
		if (org.queue(queueId).isEmpty()) {
			throw reader.fail("queueId", "'" + queueId + "' is not a queue of org " + org.key());
		}
	}

	private static OutboundEventDefinition outboundEvent(TreeReader event) {
		if (event == null) {
			return null;
		}
		event.allowOnly(EVENT_KEYS);
		String name = event.requiredString("name");
		if (!name.endsWith("__e")) {
			throw event.fail("name", "a platform event API name ends with __e");
		}
		Structure structure = event.optionalEnum("structure", Structure.class, Structure.current);
		String payloadField = event.requiredString("payloadField");
		String eventTypeField = event.optionalString("eventTypeField");
		String addressField = event.optionalString("channelAddressIdField");
		String recipientField = event.optionalString("recipientField");
		if (structure == Structure.current && eventTypeField == null) {
			throw event.fail("eventTypeField", "is required for structure current");
		}
		if (structure == Structure.legacy && (addressField == null || recipientField == null)) {
			throw event.fail(addressField == null ? "channelAddressIdField" : "recipientField",
					"is required for structure legacy");
		}
		return new OutboundEventDefinition(name, structure, payloadField, eventTypeField, addressField, recipientField);
	}

}
