package org.byoc.interaction.routing.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.ChannelAddresses;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.routing.RoutingEvents.ParticipantChange;
import org.byoc.interaction.routing.RoutingEvents;
import org.byoc.interaction.routing.Routings;
import org.byoc.interaction.routing.internal.Lookups;
import org.byoc.interaction.routing.internal.RoutingRepository;
import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.routing.work.WorkEvents;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.RecordIds;
import org.byoc.interaction.setup.SetupDirectory.AddressOfChannel;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * Who is in a conversation and whether its session goes on: the partner removes a rep ({@code /participant}) or
 * ends / inactivates the session ({@code /messagingSession}); a rep ends the conversation. Ending closes every
 * rep's work (ParticipantChanged remove) and the open routing, then reports SessionStatusChanged.
 */
@Service
public class Sessions {

	/** {@code errorReason} when there is no session left to end or inactivate. */
	static final String ACTIVE_CONVERSATION_NOT_FOUND = "ACTIVE_CONVERSATION_NOT_FOUND";

	private final RoutingRepository repository;

	private final Lookups lookups;

	private final Conversations conversations;

	private final SetupDirectory setup;

	private final Routings routings;

	private final RoutingEvents events;

	private final WorkEvents workEvents;

	Sessions(RoutingRepository repository, Lookups lookups, Conversations conversations, SetupDirectory setup,
			Routings routings, RoutingEvents events, WorkEvents workEvents) {
		this.repository = repository;
		this.lookups = lookups;
		this.conversations = conversations;
		this.setup = setup;
		this.routings = routings;
		this.events = events;
		this.workEvents = workEvents;
	}

	/** {@code POST /api/v1/messagingSession}. */
	@Transactional
	Outcome operate(String orgId, String channelDeveloperName, MessagingSessionRequest request) {
		Org org = this.lookups.org(orgId);
		AddressOfChannel address = this.setup.address(orgId, request.channelAddressIdentifier())
			.orElseThrow(() -> ErrorCode.CHANNEL_ADDRESS_IDENTIFIER_INVALID.exception(
					"No channel address " + request.channelAddressIdentifier() + " in org " + org.key() + "."));
		if (!address.channel().developerName().equals(channelDeveloperName)) {
			throw ErrorCode.AUTH_CONTEXT_CHANNEL_INVALID.exception("Channel address "
					+ request.channelAddressIdentifier() + " does not belong to AuthorizationContext "
					+ channelDeveloperName + ".");
		}
		if (!address.address().active()) {
			throw ErrorCode.CHANNEL_ADDRESS_IS_INACTIVE
				.exception("Channel address " + request.channelAddressIdentifier() + " is inactive.");
		}
		ChannelAddresses.requireServable(address.address());
		Conversation ofEndUser = this.conversations
			.find(orgId, request.channelAddressIdentifier(), request.endUserClientId())
			.orElseThrow(() -> ErrorCode.END_USER_NOT_FOUND.exception("No end user " + request.endUserClientId()
					+ " on channel address " + request.channelAddressIdentifier() + "."));
		Conversation conversation = this.lookups.partnerConversation(orgId, channelDeveloperName,
				request.conversationIdentifier());
		if (!conversation.conversationIdentifier().equals(ofEndUser.conversationIdentifier())) {
			throw ErrorCode.CONVERSATION_IDENTIFIER_INVALID.exception("Conversation "
					+ request.conversationIdentifier() + " is not the conversation of end user "
					+ request.endUserClientId() + " on channel address " + request.channelAddressIdentifier() + ".");
		}
		MessagingSession session = (request.sessionId() != null) ? session(conversation, request.sessionId())
				: this.lookups.currentSession(conversation);
		boolean byEndUser = request.operationBy() == MessagingSessionRequest.OperationBy.EndUser;
		Participant sender = byEndUser ? Participant.endUser(conversation.endUserClientId())
				: RoutingEvents.system(conversation);
		String role = byEndUser ? "EndUser" : "System";
		if (session.status() == MessagingSession.Status.Ended) {
			return Outcome.failed(ACTIVE_CONVERSATION_NOT_FOUND);
		}
		if (request.operation() == MessagingSessionRequest.Operation.End) {
			end(org, conversation, session, role, sender);
			return Outcome.SUCCESS;
		}
		if (session.status() != MessagingSession.Status.Inactive) {
			MessagingSession inactive = this.conversations
				.changeSessionStatus(session.id(), session.status(), MessagingSession.Status.Inactive)
				.orElseThrow(() -> changedMeanwhile(session));
			this.events.sessionStatusChanged(conversation, session, inactive, null, sender);
		}
		return Outcome.SUCCESS;
	}

	/** {@code POST /api/v1/participant} with operation Remove: the rep's opened work closes. */
	@Transactional
	void removeParticipant(String orgId, String channelDeveloperName, ParticipantRequest request) {
		Org org = this.lookups.org(orgId);
		Conversation conversation = this.lookups.partnerConversation(orgId, channelDeveloperName,
				request.conversationIdentifier());
		List<AgentWork> opened = this.repository.activeWorkOfConversation(conversation.conversationIdentifier())
			.stream()
			.filter((work) -> work.status() == AgentWork.Status.Opened
					&& OrgIds.sameId(work.userId(), request.participant().subject()))
			.toList();
		if (opened.isEmpty()) {
			throw ErrorCode.INVALID_PARTICIPANT.exception("Participant " + request.participant().subject()
					+ " is not in conversation " + conversation.conversationIdentifier() + ".");
		}
		List<AgentWork> closed = new ArrayList<>();
		for (AgentWork work : opened) {
			if (this.repository.changeWork(work.id(), AgentWork.Status.Opened, AgentWork.Status.Closed)) {
				closed.add(work);
			}
		}
		String userId = opened.get(0).userId();
		this.events.participantChanged(conversation, RoutingEvents.system(conversation), List
			.of(ParticipantChange.remove(Participant.agent(userId), Lookups.displayName(org, userId))));
		closed.forEach((work) -> this.workEvents.workResult(conversation, work, WorkEvents.WorkType.Closed,
				List.of("The partner removed the rep from the conversation."), null,
				RoutingEvents.system(conversation)));
	}

	/** A rep in the conversation ends it (sessionEndedByRole Agent). */
	@Transactional
	public MessagingSession endByAgent(String orgId, String userId, String conversationIdentifier) {
		Org org = this.lookups.org(orgId);
		Org.AppUser agent = this.lookups.user(org, userId);
		Conversation conversation = this.lookups.conversation(orgId, conversationIdentifier);
		boolean inConversation = this.repository.activeWorkOfConversation(conversationIdentifier).stream()
			.anyMatch((work) -> work.status() == AgentWork.Status.Opened && OrgIds.sameId(work.userId(), agent.id()));
		if (!inConversation) {
			throw ErrorCode.INVALID_PARAMETERS.exception(
					"User " + agent.id() + " has no opened work in conversation " + conversationIdentifier + ".");
		}
		MessagingSession session = this.lookups.currentSession(conversation);
		if (session.status() == MessagingSession.Status.Ended) {
			throw ErrorCode.INVALID_PARAMETERS.exception("The messaging session " + session.id() + " has ended.");
		}
		return end(org, conversation, session, "Agent", Participant.agent(agent.id()));
	}

	private MessagingSession end(Org org, Conversation conversation, MessagingSession session, String endedByRole,
			Participant sender) {
		MessagingSession ended = this.conversations
			.changeSessionStatus(session.id(), session.status(), MessagingSession.Status.Ended)
			.orElseThrow(() -> changedMeanwhile(session));
		this.repository.openPsr(conversation.conversationIdentifier())
			.ifPresent((psr) -> this.routings.cancel(psr, "EndUser".equals(endedByRole) ? "EndUserEnded" : null,
					"The messaging session ended.", true));
		List<ParticipantChange> left = new ArrayList<>();
		List<AgentWork> closed = new ArrayList<>();
		List<AgentWork> canceled = new ArrayList<>();
		for (AgentWork work : this.repository.activeWorkOfConversation(conversation.conversationIdentifier())) {
			if (work.status() == AgentWork.Status.Opened) {
				if (this.repository.changeWork(work.id(), AgentWork.Status.Opened, AgentWork.Status.Closed)) {
					left.add(ParticipantChange.remove(Participant.agent(work.userId()),
							Lookups.displayName(org, work.userId())));
					closed.add(work);
				}
			}
			else if (this.repository.changeWork(work.id(), AgentWork.Status.Assigned, AgentWork.Status.Canceled)) {
				canceled.add(work);
			}
		}
		this.events.participantChanged(conversation, sender, left);
		this.events.sessionStatusChanged(conversation, session, ended, endedByRole, sender);
		List<String> why = List.of("The messaging session ended.");
		closed.forEach((work) -> this.workEvents.workResult(conversation, work, WorkEvents.WorkType.Closed, why,
				null, sender));
		canceled.forEach((work) -> this.workEvents.workResult(conversation, work, WorkEvents.WorkType.Cancelled, why,
				null, sender));
		return ended;
	}

	/**
	 * The named session of the conversation: 10072 not a session id; 10104 a session of the org on a channel the
	 * caller's AuthorizationContext does not reach; 10071 otherwise not one of this conversation (another org's
	 * session is as unknown as one that does not exist).
	 */
	private MessagingSession session(Conversation conversation, String sessionId) {
		if (!RecordIds.hasPrefix(sessionId, MessagingSession.KEY_PREFIX)) {
			throw ErrorCode.SESSION_ID_INVALID.exception("sessionId " + sessionId + " is not a messaging session id.");
		}
		Optional<MessagingSession> session = this.lookups.sessionOf(conversation, OrgIds.key(sessionId));
		if (session.isPresent()) {
			return session.get();
		}
		boolean otherChannel = this.conversations.session(OrgIds.key(sessionId))
			.filter((other) -> other.orgKey().equals(conversation.orgKey()))
			.flatMap((other) -> this.conversations.find(conversation.orgKey(), other.conversationIdentifier()))
			.filter((other) -> !other.channelDeveloperName().equals(conversation.channelDeveloperName()))
			.isPresent();
		if (otherChannel) {
			throw ErrorCode.MESSAGING_SESSION_NO_ACCESS.exception("Messaging session " + sessionId
					+ " belongs to a conversation of another channel; AuthorizationContext "
					+ conversation.channelDeveloperName() + " has no access to it.");
		}
		throw ErrorCode.MESSAGING_SESSION_NOT_FOUND.exception("No messaging session " + sessionId
				+ " in conversation " + conversation.conversationIdentifier() + ".");
	}

	private static RuntimeException changedMeanwhile(MessagingSession session) {
		return ErrorCode.CONVERSATION_PROCESSING_ABORTED
			.exception("The messaging session " + session.id() + " changed at the same time; retry.");
	}

	/** What POST /messagingSession answers: {@code {success, errorReason}}. */
	record Outcome(boolean success, String errorReason) {

		static final Outcome SUCCESS = new Outcome(true, null);

		static Outcome failed(String errorReason) {
			return new Outcome(false, errorReason);
		}

	}

}
