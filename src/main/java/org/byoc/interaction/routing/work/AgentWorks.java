package org.byoc.interaction.routing.work;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.routing.PendingServiceRouting;
import org.byoc.interaction.routing.RoutingEvents.ParticipantChange;
import org.byoc.interaction.routing.RoutingEvents.RoutingOutcome;
import org.byoc.interaction.routing.RoutingEvents;
import org.byoc.interaction.routing.RoutingType;
import org.byoc.interaction.routing.Routings;
import org.byoc.interaction.routing.consent.ConsentStatus;
import org.byoc.interaction.routing.consent.Consents;
import org.byoc.interaction.routing.internal.Lookups;
import org.byoc.interaction.routing.internal.RoutingRepository;
import org.byoc.interaction.routing.presence.AgentPresence;
import org.byoc.interaction.routing.presence.Presences;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.RecordIds;

/**
 * Agent work: assigned by the partner's router ({@code POST /api/v1/agentWork}) or picked up by a rep from a
 * Salesforce-routed channel's PSR; then accepted (the rep joins the conversation: ParticipantChanged add and
 * RoutingResult), declined, or closed (the rep leaves: ParticipantChanged remove).
 */
@Service
public class AgentWorks {

	private final RoutingRepository repository;

	private final Lookups lookups;

	private final RoutingEvents events;

	private final WorkEvents workEvents;

	private final Routings routings;

	private final Presences presences;

	private final Consents consents;

	AgentWorks(RoutingRepository repository, Lookups lookups, RoutingEvents events,
			WorkEvents workEvents, Routings routings, Presences presences, Consents consents) {
		this.repository = repository;
		this.lookups = lookups;
		this.events = events;
		this.workEvents = workEvents;
		this.routings = routings;
		this.presences = presences;
		this.consents = consents;
	}

	/**
	 * {@code POST /api/v1/agentWork}. With an open PSR for the work item only userId and workItemId matter (a
	 * routingContext, if sent, must name the PSR's conversation and correlation id); without one, a capacity and
	 * the routingContext are required.
	 */
	@Transactional
	Assigned assign(String orgId, String channelDeveloperName, AgentWorkRequest request) {
		Org org = this.lookups.org(orgId);
		if (request.conferenceVisible() != null && !org.features().conferencing()) {
			throw ErrorCode.CONFERENCE_AGENT_ACTION_NOT_SUPPORTED
				.exception("Org " + org.key() + " does not support the Conference agent action.");
		}
		if (!org.features().ccaas()) {
			throw ErrorCode.CCAAS_NOT_ENABLED
				.exception("Contact Center as a Service is not enabled for org " + org.key() + ".");
		}
		Org.AppUser user = this.lookups.user(org, request.userId());
		Conversation conversation = this.lookups.workItemConversation(org, channelDeveloperName, request.workItemId());
		AgentWorkRequest.RoutingContext context = request.routingContext();
		if (context != null && !context.conversationIdentifier().equals(conversation.conversationIdentifier())) {
			throw ErrorCode.ROUTING_CONTEXT_CONVERSATION_MISMATCH.exception("routingContext.conversationIdentifier "
					+ context.conversationIdentifier() + " is not the conversation of workItemId "
					+ request.workItemId() + ".");
		}
		requireAgentMayTake(org, user, conversation);
		PendingServiceRouting psr = this.repository.openPsr(conversation.conversationIdentifier())
			.filter((open) -> open.workItemId().equals(request.workItemId()))
			.orElse(null);
		RoutingType routingType;
		String correlationId;
		if (psr != null) {
			if (context != null && !context.routingCorrelationId().equals(psr.routingCorrelationId())) {
				throw ErrorCode.INVALID_PARAMETERS.exception("routingContext.routingCorrelationId "
						+ context.routingCorrelationId() + " does not match the pending service routing " + psr.id()
						+ " of this work item; send its routingCorrelationId, or leave routingContext out.");
			}
			routingType = psr.routingType();
			correlationId = psr.routingCorrelationId();
		}
		else {
			if (context == null) {
				throw ErrorCode.INVALID_PARAMETERS.exception("Work item " + request.workItemId()
						+ " has no pending service routing: send routingContext (or call /route first).");
			}
			if (!request.hasCapacity()) {
				throw ErrorCode.CAPACITY_INVALID.exception("Work item " + request.workItemId()
						+ " has no pending service routing: send capacityPercentage or capacityWeight.");
			}
			if (context.routingType() == RoutingType.Conference && !org.features().conferencing()) {
				throw ErrorCode.CONFERENCE_ROUTING_NOT_SUPPORTED
					.exception("Org " + org.key() + " cannot route with routingType Conference.");
			}
			routingType = context.routingType();
			correlationId = context.routingCorrelationId();
		}
		AgentWork work = new AgentWork(RecordIds.newId(AgentWork.KEY_PREFIX), org.key(), user.id(),
				request.workItemId(), conversation.conversationIdentifier(), (psr != null) ? psr.id() : null,
				routingType, correlationId, request.capacityPercentage(), request.capacityWeight(),
				request.transferVisible(), request.conferenceVisible(), AgentWork.Status.Assigned, Instant.now(), null,
				null, null);
		insert(work);
		this.workEvents.workResult(conversation, work, WorkEvents.WorkType.Assigned, List.of(), psr, null);
		return new Assigned(work, psr);
	}

	/**
	 * What the contact center checks before a rep gets work on the conversation's channel: the channel is linked to
	 * a contact center (15104); where the org models presence, an Omni service channel serves it (15108) and the
	 * rep's presence status is tied to it (15112); the rep has the Partner Messaging permission (15105); the end
	 * user has not opted out on the channel address (15103). Capacity is not checked: the partner's router owns
	 * the decision, as with the vendor (work beyond capacity only keeps the service's router from offering more).
	 */
	private void requireAgentMayTake(Org org, Org.AppUser user, Conversation conversation) {
		Channel channel = this.lookups.channel(conversation);
		if (!channel.linkedToContactCenter()) {
			throw ErrorCode.CHANNEL_NOT_LINKED_TO_CONTACT_CENTER.exception("Channel " + channel.developerName()
					+ " is not linked to a contact center (setup: linkedToContactCenter: false).");
		}
		if (!user.has(Org.Permission.PartnerMessaging)) {
			throw ErrorCode.USER_LACKS_PARTNER_MESSAGING_PERMISSION
				.exception("User " + user.id() + " lacks the PartnerMessaging permission.");
		}
		if (org.modelsPresence()) {
			if (!org.hasServiceChannel(channel.developerName())) {
				throw ErrorCode.SERVICE_CHANNEL_NOT_FOUND.exception("No presence status of org " + org.key()
						+ " serves channel " + channel.developerName() + ", so no service channel routes messaging "
						+ "session " + conversation.currentSessionId() + ".");
			}
			AgentPresence presence = this.presences.presence(org.id(), user.id());
			if (!presence.serves(channel.developerName())) {
				throw ErrorCode.PRESENCE_STATUS_NOT_LINKED.exception("User " + user.id() + " is "
						+ presence.statusName() + ", a presence status not tied to channel " + channel.developerName()
						+ ".");
			}
		}
		if (this.consents.consent(org.id(), conversation.channelAddressIdentifier(), conversation.endUserClientId())
			.filter((status) -> status == ConsentStatus.OptedOut)
			.isPresent()) {
			throw ErrorCode.END_USER_NOT_OPTED_IN.exception("End user " + conversation.endUserClientId()
					+ " opted out on channel address " + conversation.channelAddressIdentifier() + ".");
		}
	}

	/** A rep takes an open PSR of a Salesforce-routed channel (what Omni-Channel would push to them). */
	@Transactional
	public AgentWork pickUp(String orgId, String userId, String psrId) {
		Org org = this.lookups.org(orgId);
		Org.AppUser user = this.lookups.user(org, userId);
		PendingServiceRouting psr = this.repository.psr(org.key(), psrId)
			.filter(PendingServiceRouting::isOpen)
			.orElseThrow(() -> ErrorCode.INVALID_PARAMETERS
				.exception("No open pending service routing " + psrId + " in org " + org.key() + "."));
		Conversation conversation = this.lookups.conversation(orgId, psr.conversationIdentifier());
		if (this.lookups.channel(conversation).routingOwner() != Channel.Owner.Salesforce) {
			throw ErrorCode.INVALID_PARAMETERS.exception("The partner routes channel "
					+ conversation.channelDeveloperName() + ": it assigns work with POST /api/v1/agentWork.");
		}
		if (psr.userId() != null && !OrgIds.sameId(psr.userId(), user.id())) {
			throw ErrorCode.INVALID_PARAMETERS
				.exception("Pending service routing " + psrId + " is for user " + psr.userId() + ".");
		}
		if (!user.has(Org.Permission.PartnerMessaging)) {
			throw ErrorCode.USER_LACKS_PARTNER_MESSAGING_PERMISSION
				.exception("User " + user.id() + " lacks the PartnerMessaging permission.");
		}
		AgentWork work = new AgentWork(RecordIds.newId(AgentWork.KEY_PREFIX), org.key(), user.id(), psr.workItemId(),
				psr.conversationIdentifier(), psr.id(), psr.routingType(), psr.routingCorrelationId(), null, null, null,
				null, AgentWork.Status.Assigned, Instant.now(), null, null, null);
		insert(work);
		this.workEvents.workResult(conversation, work, WorkEvents.WorkType.Assigned, List.of(), psr,
				Participant.agent(user.id()));
		return work;
	}

	/** The rep's Assigned and Opened work, oldest first. */
	@Transactional(readOnly = true)
	public List<AgentWork> activeWork(String orgId, String userId) {
		Org org = this.lookups.org(orgId);
		return this.repository.activeWorkOfUser(org.key(), this.lookups.user(org, userId).id());
	}

	/** Every AgentWork a conversation had, oldest first. */
	@Transactional(readOnly = true)
	public List<AgentWork> workOf(String orgId, String conversationIdentifier) {
		return this.repository
			.workOfConversation(this.lookups.conversation(orgId, conversationIdentifier).conversationIdentifier());
	}

	/**
	 * The rep accepts: the work opens, its PSR completes (other offers of it are canceled), the rep joins the
	 * conversation. Accepting a transfer also closes the work of the reps who had the conversation before.
	 */
	@Transactional
	public AgentWork accept(String orgId, String userId, String agentWorkId) {
		Org org = this.lookups.org(orgId);
		AgentWork work = ownWork(org, userId, agentWorkId, AgentWork.Status.Assigned);
		Conversation conversation = this.lookups.conversation(orgId, work.conversationIdentifier());
		MessagingSession session = this.lookups.currentSession(conversation);
		if (!session.id().equals(work.workItemId()) || session.status() == MessagingSession.Status.Ended) {
			throw ErrorCode.INVALID_PARAMETERS
				.exception("The messaging session " + work.workItemId() + " of agent work " + work.id() + " has ended.");
		}
		change(work, AgentWork.Status.Assigned, AgentWork.Status.Opened);
		PendingServiceRouting psr = null;
		boolean completed = false;
		if (work.psrId() != null) {
			psr = this.repository.psr(org.key(), work.psrId()).orElse(null);
			if (psr != null && psr.isOpen()) {
				completed = this.repository.closePsr(psr.id(), PendingServiceRouting.Status.Completed, null, null,
						false);
			}
		}
		List<ParticipantChange> changes = new ArrayList<>();
		List<AgentWork> canceled = new ArrayList<>();
		List<AgentWork> transferred = new ArrayList<>();
		List<String> conferenced = new ArrayList<>();
		for (AgentWork other : this.repository.activeWorkOfConversation(conversation.conversationIdentifier())) {
			if (other.id().equals(work.id())) {
				continue;
			}
			boolean sameOffer = other.psrId() != null && other.psrId().equals(work.psrId());
			if (other.status() == AgentWork.Status.Assigned && sameOffer) {
				if (this.repository.changeWork(other.id(), AgentWork.Status.Assigned, AgentWork.Status.Canceled)) {
					canceled.add(other);
				}
			}
			else if (other.status() == AgentWork.Status.Opened && work.routingType() == RoutingType.Transfer
					&& !OrgIds.sameId(other.userId(), work.userId())) {
				if (this.repository.changeWork(other.id(), AgentWork.Status.Opened, AgentWork.Status.Closed)) {
					changes.add(ParticipantChange.remove(Participant.agent(other.userId()),
							Lookups.displayName(org, other.userId())));
					transferred.add(other);
				}
			}
			else if (other.status() == AgentWork.Status.Opened && !conferenced.contains(other.userId())) {
				conferenced.add(other.userId());
			}
		}
		Participant agent = Participant.agent(work.userId());
		changes.add(ParticipantChange.add(agent, Lookups.displayName(org, work.userId())));
		this.events.participantChanged(conversation, agent, changes);
		this.events.routingResult(conversation, RoutingOutcome.routed(work, psr));
		this.workEvents.workResult(conversation, work, WorkEvents.WorkType.Accepted, List.of(), psr, agent);
		for (AgentWork other : canceled) {
			this.workEvents.workResult(conversation, other, WorkEvents.WorkType.Cancelled,
					List.of("Agent " + work.userId() + " accepted the work."), psr, null);
		}
		for (AgentWork other : transferred) {
			this.workEvents.workResult(conversation, other, WorkEvents.WorkType.Transferred, List.of(), null, null);
		}
		if (completed && psr.routingType() == RoutingType.Transfer) {
			this.workEvents.transferProgress(conversation, psr, WorkEvents.TransferStatus.Completed, List.of(), agent);
		}
		if (work.routingType() == RoutingType.Conference && !conferenced.isEmpty()) {
			conferenced.add(work.userId());
			this.workEvents.participantsConferenced(conversation, psr, conferenced, agent);
		}
		return reload(org, work);
	}

	/**
	 * The rep declines: the PSR stays open for another rep. On a Partner-routed channel the partner's router hears
	 * of it as a RoutingResult with failureType RoutingError, so it can route again.
	 */
	@Transactional
	public AgentWork decline(String orgId, String userId, String agentWorkId) {
		Org org = this.lookups.org(orgId);
		AgentWork work = ownWork(org, userId, agentWorkId, AgentWork.Status.Assigned);
		change(work, AgentWork.Status.Assigned, AgentWork.Status.Declined);
		Conversation conversation = this.lookups.conversation(orgId, work.conversationIdentifier());
		PendingServiceRouting psr = (work.psrId() != null) ? this.repository.psr(org.key(), work.psrId()).orElse(null)
				: null;
		boolean partnerRouted = this.lookups.channel(conversation).routingOwner() == Channel.Owner.Partner;
		if (partnerRouted) {
			this.events.routingResult(conversation, RoutingOutcome.declined(work, psr));
		}
		this.workEvents.workResult(conversation, work, WorkEvents.WorkType.Declined,
				List.of("Agent " + work.userId() + " declined the work."), psr, Participant.agent(work.userId()));
		if (!partnerRouted && psr != null && psr.isOpen() && psr.userId() != null) {
			this.routings.failTransfer(psr, conversation, "Agent " + work.userId() + " declined the transfer.");
		}
		return reload(org, work);
	}

	/** The rep leaves the conversation (ParticipantChanged remove); the session stays as it is. */
	@Transactional
	public AgentWork close(String orgId, String userId, String agentWorkId) {
		Org org = this.lookups.org(orgId);
		return closeOpened(org, ownWork(org, userId, agentWorkId, AgentWork.Status.Opened));
	}

	/**
	 * {@code PATCH /api/v1/agentWork} with contextType Agent: the partner cancels work a rep has not answered yet,
	 * or closes work a rep has open (the rep leaves). Only work on the caller's channel is visible (10082).
	 */
	@Transactional
	public AgentWork updateByPartner(String orgId, String channelDeveloperName, String agentWorkId, boolean cancel) {
		Org org = this.lookups.org(orgId);
		AgentWork work = this.repository.work(org.key(), agentWorkId)
			.filter((w) -> this.lookups.conversation(orgId, w.conversationIdentifier())
				.channelDeveloperName()
				.equals(channelDeveloperName))
			.orElseThrow(() -> ErrorCode.WORK_ID_INVALID.exception("No agent work " + agentWorkId + " on this channel."));
		if (cancel) {
			if (work.status() != AgentWork.Status.Assigned) {
				throw ErrorCode.INVALID_PARAMETERS.exception("Agent work " + work.id() + " is " + work.status()
						+ "; only Assigned work (not yet accepted or declined) can be canceled.");
			}
			change(work, AgentWork.Status.Assigned, AgentWork.Status.Canceled);
			this.workEvents.workResult(this.lookups.conversation(orgId, work.conversationIdentifier()), work,
					WorkEvents.WorkType.Cancelled, List.of("The partner canceled the work."), null, null);
			return reload(org, work);
		}
		if (work.status() != AgentWork.Status.Opened) {
			throw ErrorCode.INVALID_PARAMETERS
				.exception("Agent work " + work.id() + " is " + work.status() + "; only Opened work can be closed.");
		}
		return closeOpened(org, work);
	}

	private AgentWork closeOpened(Org org, AgentWork work) {
		change(work, AgentWork.Status.Opened, AgentWork.Status.Closed);
		Conversation conversation = this.lookups.conversation(org.id(), work.conversationIdentifier());
		Participant agent = Participant.agent(work.userId());
		this.events.participantChanged(conversation, agent,
				List.of(ParticipantChange.remove(agent, Lookups.displayName(org, work.userId()))));
		this.workEvents.workResult(conversation, work, WorkEvents.WorkType.Closed, List.of(), null, agent);
		return reload(org, work);
	}

	private void insert(AgentWork work) {
		if (!this.repository.insertWork(work)) {
			throw ErrorCode.AGENT_WORK_ALREADY_EXISTS.exception("User " + work.userId()
					+ " already has active agent work for work item " + work.workItemId() + ".");
		}
	}

	/** The rep's own work in the expected status (10082 when it is not theirs). */
	private AgentWork ownWork(Org org, String userId, String agentWorkId, AgentWork.Status expected) {
		Org.AppUser user = this.lookups.user(org, userId);
		AgentWork work = this.repository.work(org.key(), agentWorkId)
			.filter((w) -> OrgIds.sameId(w.userId(), user.id()))
			.orElseThrow(() -> ErrorCode.WORK_ID_INVALID
				.exception("No agent work " + agentWorkId + " of user " + user.id() + "."));
		if (work.status() != expected) {
			throw ErrorCode.INVALID_PARAMETERS
				.exception("Agent work " + work.id() + " is " + work.status() + ", not " + expected + ".");
		}
		return work;
	}

	private void change(AgentWork work, AgentWork.Status from, AgentWork.Status to) {
		if (!this.repository.changeWork(work.id(), from, to)) {
			throw ErrorCode.CONVERSATION_PROCESSING_ABORTED
				.exception("Agent work " + work.id() + " changed at the same time; reload it and retry.");
		}
	}

	private AgentWork reload(Org org, AgentWork work) {
		return this.repository.work(org.key(), work.id()).orElseThrow();
	}

	/** Newly assigned work and the PSR it fulfils (null when the partner routed without one). */
	record Assigned(AgentWork work, PendingServiceRouting psr) {
	}

}
