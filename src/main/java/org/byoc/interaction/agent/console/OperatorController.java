package org.byoc.interaction.agent.console;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.outbound.LiveSubscribers;
import org.byoc.interaction.routing.PendingServiceRouting;
import org.byoc.interaction.routing.QueueEngine;
import org.byoc.interaction.setup.Certificates;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.ConnectedApp;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.web.ConsolePage;

/**
 * The operator's view of the setup as the service runs it: orgs, connected apps (consumer key, certificate
 * fingerprint), channels with their addresses and topics, how many subscribers read each topic right now, and each
 * org's queues (the conversations waiting, in order) and agents (presence, capacity in use).
 */
@ConsolePage
@RequestMapping(ConsolePage.PATH + "/operator")
class OperatorController {

	private final SetupDirectory setup;

	private final LiveSubscribers subscribers;

	private final RoutingBoard board;

	private final Conversations conversations;

	OperatorController(SetupDirectory setup, LiveSubscribers subscribers, RoutingBoard board,
			Conversations conversations) {
		this.setup = setup;
		this.subscribers = subscribers;
		this.board = board;
		this.conversations = conversations;
	}

	@GetMapping
	String operator(Model model) {
		model.addAttribute("orgs", this.setup.orgs().stream().map(this::view).toList());
		model.addAttribute("routing", this.setup.orgs().stream().map(this::routing).toList());
		return "console/operator";
	}

	/** Each org's queues (what waits, in order) and agents (presence, capacity in use), reloaded every few seconds. */
	@GetMapping("/routing")
	String routing(Model model) {
		model.addAttribute("routing", this.setup.orgs().stream().map(this::routing).toList());
		return "console/operator :: routing";
	}

	private RoutingView routing(Org org) {
		List<QueueView> queues = new ArrayList<>();
		for (QueueEngine.QueueState queue : this.board.queues(org)) {
			List<WaitingView> waiting = new ArrayList<>();
			for (PendingServiceRouting psr : queue.waiting()) {
				String endUser = this.conversations.find(org.id(), psr.conversationIdentifier())
					.map(Conversation::endUserClientId)
					.orElse(psr.conversationIdentifier());
				waiting.add(new WaitingView(waiting.size() + 1, endUser, psr.conversationIdentifier(), psr.id(),
						ConsoleViews.time(psr.createdAt())));
			}
			queues.add(new QueueView(queue.queue().id(), queue.queue().name(), queue.queue().routingPriority(),
					queue.offered(), waiting));
		}
		List<AgentView> agents = this.board.agents(org).stream()
			.map((agent) -> new AgentView(agent.user().id(),
					(agent.user().displayName() != null) ? agent.user().displayName() : agent.user().username(),
					agent.presence().statusName(), agent.presence().kind(),
					DeskModels.PresenceView.load(agent.load()) + " of " + agent.capacity()))
			.toList();
		return new RoutingView(org.id(), org.name(), org.modelsPresence(), queues, agents);
	}

	/** The subscriber counts alone, which the page reloads every few seconds. */
	@GetMapping("/topics")
	String topics(Model model) {
		model.addAttribute("orgs", this.setup.orgs().stream().map(this::view).toList());
		return "console/operator :: topics";
	}

	private OrgView view(Org org) {
		List<AppView> apps = org.connectedApps().stream().map(OperatorController::app).toList();
		Map<String, TopicView> topics = new LinkedHashMap<>();
		List<ChannelView> channels = new ArrayList<>();
		for (Channel channel : org.channels()) {
			String topic = (channel.outboundEvent() != null) ? channel.outboundEvent().topicName() : null;
			if (topic != null) {
				topics.computeIfAbsent(topic, (name) -> new TopicView(name, this.subscribers.count(org.key(), name),
						new ArrayList<>()))
					.channels()
					.add(channel.developerName());
			}
			channels.add(new ChannelView(channel.developerName(), channel.connectedApp(),
					channel.routingOwner().name(), channel.consentOwner().name(), routing(channel), topic,
					(channel.outboundEvent() != null) ? channel.outboundEvent().structure().name() : null,
					channel.addresses()));
		}
		return new OrgView(org.id(), org.name(), org.users(), org.queues(), org.flows(), apps, channels,
				List.copyOf(topics.values()));
	}

	private static String routing(Channel channel) {
		if (channel.routing() == null) {
			return "";
		}
		return channel.routing().isFlow() ? "flow " + channel.routing().flowId() + ", fallback queue "
				+ channel.routing().queueId() : "queue " + channel.routing().queueId();
	}

	private static AppView app(ConnectedApp app) {
		try {
			X509Certificate certificate = Certificates.parse(app.certificatePem());
			return new AppView(app.consumerKey(), fingerprint(certificate),
					certificate.getSubjectX500Principal().getName(), ConsoleViews.time(certificate.getNotAfter()
						.toInstant()), app.scopes(), app.preAuthorizedUsers());
		}
		catch (IllegalArgumentException ex) {
			return new AppView(app.consumerKey(), "(unreadable certificate)", "", "", app.scopes(),
					app.preAuthorizedUsers());
		}
	}

	/** SHA-256 of the certificate's DER, as {@code openssl x509 -fingerprint -sha256} prints it. */
	static String fingerprint(X509Certificate certificate) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
			return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
		}
		catch (NoSuchAlgorithmException | CertificateEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record OrgView(String id, String name, List<Org.AppUser> users, List<Org.Queue> queues, List<Org.Flow> flows,
			List<AppView> apps, List<ChannelView> channels, List<TopicView> topics) {
	}

	record AppView(String consumerKey, String fingerprint, String subject, String notAfter, List<String> scopes,
			List<String> preAuthorizedUsers) {
	}

	record ChannelView(String developerName, String connectedApp, String routingOwner, String consentOwner,
			String routing, String topic, String structure, List<Channel.ChannelAddress> addresses) {
	}

	record TopicView(String name, int subscribers, List<String> channels) {
	}

	record RoutingView(String id, String name, boolean modelsPresence, List<QueueView> queues,
			List<AgentView> agents) {
	}

	record QueueView(String id, String name, int routingPriority, int offered, List<WaitingView> waiting) {
	}

	record WaitingView(int position, String endUser, String conversation, String psrId, String since) {
	}

	record AgentView(String id, String name, String status, String kind, String load) {
	}

}
