package org.byoc.interaction.agent.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.agent.AgentNotes;
import org.byoc.interaction.agent.AgentReceipts;
import org.byoc.interaction.agent.Consults;
import org.byoc.interaction.attachment.Attachments;
import org.byoc.interaction.attachment.StoredAttachment;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.ConversationSummary;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.conversation.receipts.Acknowledgements;
import org.byoc.interaction.routing.PendingServiceRouting;
import org.byoc.interaction.routing.QueueEngine;
import org.byoc.interaction.routing.consent.Consents;
import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.web.ConsolePage;

/**
 * What the desk's page parts show, read through the modules' services: the same models feed the whole page and
 * each part reloaded on its own, so a part never looks different after a live update.
 */
@Component
class DeskModels {

	static final int PAGE_SIZE = 25;

	private final SetupDirectory setup;

	private final Conversations conversations;

	private final Attachments attachments;

	private final OutboundEventFeed events;

	private final RoutingBoard board;

	private final Consents consents;

	private final ConsoleViews views;

	private final AgentReceipts receipts;

	private final Acknowledgements acknowledgements;

	private final AgentNotes notes;

	private final Consults consults;

	DeskModels(SetupDirectory setup, Conversations conversations, Attachments attachments, OutboundEventFeed events,
			RoutingBoard board, Consents consents, JsonMapper json, AgentReceipts receipts,
			Acknowledgements acknowledgements, AgentNotes notes, Consults consults) {
		this.setup = setup;
		this.conversations = conversations;
		this.attachments = attachments;
		this.events = events;
		this.board = board;
		this.consents = consents;
		this.views = new ConsoleViews(json);
		this.receipts = receipts;
		this.acknowledgements = acknowledgements;
		this.notes = notes;
		this.consults = consults;
	}

	Desk desk(String orgId, String userId) {
		Org org = this.setup.org(orgId)
			.orElseThrow(() -> ErrorCode.ENDPOINT_NOT_FOUND.exception("No org " + orgId + " in the setup."));
		Org.AppUser agent = org.userById(userId)
			.orElseThrow(() -> ErrorCode.USER_ID_INVALID.exception("'" + userId + "' is not a user of org " + org.id()
					+ "."));
		return new Desk(org, agent);
	}

	Conversation conversation(String orgId, String conversationIdentifier) {
		return this.conversations.find(orgId, conversationIdentifier)
			.orElseThrow(() -> ErrorCode.CONVERSATION_IDENTIFIER_INVALID
				.exception("No conversation " + conversationIdentifier + " in org " + orgId + "."));
	}

	/** The whole desk: list, the selected conversation (or none) and the agent's work. */
	void page(Model model, Desk desk, int page, Conversation selected) {
		RoutingBoard.Board routing = this.board.of(desk.org());
		model.addAttribute("desk", desk);
		list(model, desk, page, (selected != null) ? selected.conversationIdentifier() : null, routing);
		work(model, desk, selected, routing);
		if (selected != null) {
			state(model, selected);
			transcript(model, selected);
			events(model, selected);
			consults(model, desk, selected);
		}
	}

	void list(Model model, Desk desk, int page, String selected) {
		list(model, desk, page, selected, this.board.of(desk.org()));
	}

	private void list(Model model, Desk desk, int page, String selected, RoutingBoard.Board routing) {
		long total = this.conversations.count(desk.org().id());
		int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
		int current = Math.min(Math.max(1, page), pages);
		List<ConversationSummary> summaries = this.conversations.inbox(desk.org().id(), PAGE_SIZE,
				(current - 1) * PAGE_SIZE);
		model.addAttribute("desk", desk);
		model.addAttribute("selected", selected);
		model.addAttribute("lines", summaries.stream()
			.map((s) -> this.views.line(s, routing.state(s.conversation().conversationIdentifier()), routing::name))
			.toList());
		model.addAttribute("page", current);
		model.addAttribute("pages", pages);
		model.addAttribute("total", total);
	}

	/** Session, consent and whether the end user is typing. */
	void state(Model model, Conversation conversation) {
		model.addAttribute("conversation", conversation);
		MessagingSession session = this.conversations.session(conversation.currentSessionId()).orElse(null);
		// "session" is taken: Thymeleaf's name for the HTTP session
		model.addAttribute("messagingSession", session);
		model.addAttribute("sessionStarted", (session != null) ? ConsoleViews.time(session.startedAt()) : "");
		model.addAttribute("consent", this.consents
			.consent(conversation.orgKey(), conversation.channelAddressIdentifier(), conversation.endUserClientId())
			.map(Enum::name)
			.orElse("not set"));
		Channel channel = this.setup.channel(conversation.orgKey(), conversation.channelDeveloperName()).orElse(null);
		model.addAttribute("channel", channel);
		model.addAttribute("flagRaised", this.notes.flagRaised(conversation.conversationIdentifier()));
	}

	/**
	 * The transcript with each message's receipt, and {@code readUpTo}: the last end-user message when the agents'
	 * desk has not read all of them yet (the page then reads up to it, as a person reads what is shown).
	 */
	void transcript(Model model, Conversation conversation) {
		String id = conversation.conversationIdentifier();
		Map<String, StoredAttachment> files = this.attachments
			.findByConversation(UUID.fromString(id))
			.stream()
			.collect(Collectors.toMap((a) -> a.id().toString(), Function.identity(), (a, b) -> a, LinkedHashMap::new));
		Optional<Org> org = this.setup.org(conversation.orgKey());
		Function<String, String> names = (userId) -> org.flatMap((o) -> o.userById(userId))
			.map((user) -> (user.displayName() != null) ? user.displayName() : user.username())
			.orElse(userId);
		Map<String, AgentReceipts.State> desk = this.receipts.states(id);
		Map<String, Acknowledgements.Acknowledgement> endUser = this.acknowledgements.latest(id);
		String readUpTo = null;
		boolean unread = false;
		List<ConsoleViews.EntryView> entries = new ArrayList<>();
		for (TranscriptEntry entry : this.conversations.transcript(id)) {
			ConsoleViews.Receipt receipt = null;
			if ("EndUser".equals(entry.sender().role()) && "Message".equals(entry.entryType())) {
				AgentReceipts.State state = desk.get(entry.entryId());
				unread |= state == null || state.readAt() == null;
				readUpTo = entry.entryId();
				if (state != null && state.readAt() != null) {
					receipt = new ConsoleViews.Receipt("read", "Read by " + names.apply(state.readBy()));
				}
				else if (state != null) {
					receipt = new ConsoleViews.Receipt("delivered", "Delivered to the desk");
				}
			}
			else if (endUser.containsKey(entry.entryId())) {
				boolean read = "Read".equals(endUser.get(entry.entryId()).type());
				receipt = new ConsoleViews.Receipt(read ? "read" : "delivered",
						read ? "Read by the end user" : "Delivered to the end user");
			}
			entries.add(this.views.entry(entry, files, names, receipt));
		}
		model.addAttribute("conversation", conversation);
		model.addAttribute("entries", entries);
		model.addAttribute("readUpTo", unread ? readUpTo : null);
	}

	/** The consults about the conversation, with their messages, and whether the agent takes part in each. */
	void consults(Model model, Desk desk, Conversation conversation) {
		model.addAttribute("desk", desk);
		model.addAttribute("conversation", conversation);
		Function<String, String> names = (userId) -> desk.org().userById(userId)
			.map((user) -> (user.displayName() != null) ? user.displayName() : user.username())
			.orElse(userId);
		model.addAttribute("consults", this.consults.ofConversation(conversation.conversationIdentifier())
			.stream()
			.map((view) -> new ConsultView(view.consult().id(), names.apply(view.consult().requestedBy()),
					names.apply(view.consult().consultedUserId()), view.consult().status().name(),
					OrgIds.sameId(view.consult().requestedBy(), desk.agent().id())
							|| OrgIds.sameId(view.consult().consultedUserId(), desk.agent().id()),
					view.messages()
						.stream()
						.map((m) -> new ConsultMessageView(names.apply(m.senderUserId()), m.text(),
								ConsoleViews.time(m.createdAt())))
						.toList()))
			.toList());
		transferTargets(model, desk);
	}

	void events(Model model, Conversation conversation) {
		model.addAttribute("conversation", conversation);
		model.addAttribute("events", this.events.eventsOf(conversation).stream().map(this.views::event).toList());
	}

	void work(Model model, Desk desk, Conversation selected) {
		work(model, desk, selected, this.board.of(desk.org()));
	}

	/** The agent's active work and what waits for a rep in the org. */
	private void work(Model model, Desk desk, Conversation selected, RoutingBoard.Board routing) {
		model.addAttribute("desk", desk);
		model.addAttribute("conversation", selected);
		Map<String, Conversation> known = new LinkedHashMap<>();
		List<WorkView> work = new ArrayList<>();
		for (AgentWork item : routing.workOf(desk.agent().id())) {
			work.add(new WorkView(item.id(), item.conversationIdentifier(),
					endUser(known, desk, item.conversationIdentifier()), item.status().name(),
					item.routingType().name(), ConsoleViews.time(item.createdAt()),
					(item.isPushed() && item.status() == AgentWork.Status.Assigned)
							? ConsoleViews.time(item.pushTimeoutAt()) : null));
		}
		model.addAttribute("presence", routing.agent(desk.agent().id()).map(PresenceView::of).orElse(null));
		model.addAttribute("statuses", desk.org().presenceStatuses());
		List<WaitingView> waiting = new ArrayList<>();
		for (PendingServiceRouting psr : routing.open()) {
			Channel channel = desk.org().channel(psr.channelDeveloperName()).orElse(null);
			boolean salesforceRouted = channel != null && channel.routingOwner() == Channel.Owner.Salesforce;
			boolean forSomeoneElse = psr.userId() != null && !OrgIds.sameId(psr.userId(), desk.agent().id());
			waiting.add(new WaitingView(psr.id(), psr.conversationIdentifier(),
					endUser(known, desk, psr.conversationIdentifier()), psr.routingType().name(), routing.target(psr),
					ConsoleViews.time(psr.createdAt()), salesforceRouted && !forSomeoneElse, salesforceRouted,
					psr.queuePosition()));
		}
		model.addAttribute("work", work);
		model.addAttribute("waiting", waiting);
		model.addAttribute("myConsults", this.consults.openOfUser(desk.org().id(), desk.agent().id())
			.stream()
			.map((view) -> new WorkView(view.consult().id(), view.consult().conversationIdentifier(),
					endUser(known, desk, view.consult().conversationIdentifier()), view.consult().status().name(),
					OrgIds.sameId(view.consult().requestedBy(), desk.agent().id()) ? "asked by you"
							: "asked by " + desk.org().userById(view.consult().requestedBy())
								.map((user) -> (user.displayName() != null) ? user.displayName() : user.username())
								.orElse(view.consult().requestedBy()),
					ConsoleViews.time(view.consult().createdAt()), null))
			.toList());
	}

	/** Where the agent may transfer a conversation: the org's queues, flows and other users. */
	void transferTargets(Model model, Desk desk) {
		model.addAttribute("queues", desk.org().queues());
		model.addAttribute("flows", desk.org().flows());
		model.addAttribute("agents", desk.org().users().stream()
			.filter((user) -> !OrgIds.sameId(user.id(), desk.agent().id()))
			.toList());
	}

	private String endUser(Map<String, Conversation> known, Desk desk, String conversationIdentifier) {
		Conversation conversation = known.computeIfAbsent(conversationIdentifier,
				(id) -> this.conversations.find(desk.org().id(), id).orElse(null));
		return (conversation != null) ? conversation.endUserClientId() : conversationIdentifier;
	}

	/** Who is at the desk: an org and the user acting as its agent; {@code base} is the desk's URL. */
	record Desk(Org org, Org.AppUser agent) {

		public String base() {
			return ConsolePage.PATH + "/orgs/" + this.org.id() + "/agents/" + this.agent.id() + "/";
		}

		public String agentName() {
			return (this.agent.displayName() != null) ? this.agent.displayName() : this.agent.username();
		}

	}

	/** A consult about the conversation; {@code mine} when the desk's agent is one of its two agents. */
	record ConsultView(String id, String requestedBy, String consulted, String status, boolean mine,
			List<ConsultMessageView> messages) {
	}

	record ConsultMessageView(String sender, String text, String time) {
	}

	/**
	 * A piece of the agent's work; {@code status} Assigned (accept or decline) or Opened (close). {@code answerBy}:
	 * when an offer of the router goes back to the queue, null for other work.
	 */
	record WorkView(String id, String conversation, String endUser, String status, String routingType,
			String since, String answerBy) {
	}

	/** The agent's presence and the part of their capacity their active work takes, e.g. "1 of 2". */
	record PresenceView(String statusName, String statusId, String load) {

		static PresenceView of(QueueEngine.AgentState agent) {
			Org.PresenceStatus status = agent.presence().status();
			return new PresenceView(agent.presence().statusName(), (status != null) ? status.id() : null,
					load(agent.load()) + " of " + agent.capacity());
		}

		static String load(double load) {
			return (load == Math.rint(load)) ? String.valueOf((long) load)
					: java.math.BigDecimal.valueOf(load).setScale(2, java.math.RoundingMode.HALF_UP)
						.stripTrailingZeros()
						.toPlainString();
		}

	}

	/**
	 * An open pending service routing; {@code pickUp} when this agent may take it (Salesforce-routed channel);
	 * {@code position} its place in its queue, null when it does not wait in one (offered, or the partner routes).
	 */
	record WaitingView(String psrId, String conversation, String endUser, String routingType, String target,
			String since, boolean pickUp, boolean salesforceRouted, Integer position) {
	}

}
