package org.byoc.interaction.routing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.EndUserEntryRecorded;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.conversation.RoutingAttributes;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.routing.internal.Lookups;
import org.byoc.interaction.routing.internal.RoutingRepository;
import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.routing.work.WorkEvents;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.RecordIds;

/**
 * Pending service routings: the partner's {@code /route} (create, clear) and {@code /routingResult}, agents'
 * transfers, and the simulated Omni-Channel of Salesforce-routed channels, whose first end-user message opens a PSR
 * with the channel's routing. A conversation has at most one open PSR; a new routing replaces the open one.
 */
@Service
public class Routings {

	private static final Logger log = LoggerFactory.getLogger(Routings.class);

	private final RoutingRepository repository;

	private final Lookups lookups;

	private final RoutingEvents events;

	private final WorkEvents workEvents;

	Routings(RoutingRepository repository, Lookups lookups, RoutingEvents events, WorkEvents workEvents) {
		this.repository = repository;
		this.lookups = lookups;
		this.events = events;
		this.workEvents = workEvents;
	}

	/** {@code POST /api/v1/route}. */
	@Transactional
	RouteResult route(String orgId, String channelDeveloperName, RouteRequest request) {
		Org org = this.lookups.org(orgId);
		if (request.routingType() == RoutingType.Conference && !org.features().conferencing()) {
			throw ErrorCode.CONFERENCE_ROUTING_NOT_SUPPORTED
				.exception("Org " + org.key() + " cannot route with routingType Conference.");
		}
		Conversation conversation = this.lookups.partnerConversation(orgId, channelDeveloperName,
				request.conversationIdentifier());
		Channel channel = this.lookups.channel(conversation);
		Target target = target(org, channel, request.routingInfo());
		Map<String, String> attributes = RoutingAttributes.check(
				(request.routingInfo() != null) ? request.routingInfo().routingAttributes() : Map.of(),
				channel.channelVariables());
		MessagingSession session = this.lookups.currentSession(conversation);
		if (session.status() == MessagingSession.Status.Ended) {
			return RouteResult.notRouted(session.id(),
					"The messaging session " + session.id() + " has ended; nothing to route.");
		}
		PendingServiceRouting psr = open(conversation, session, request.routingType(),
				PendingServiceRouting.Origin.Route, target, attributes);
		return RouteResult.routed(psr);
	}

	/** {@code DELETE /api/v1/route}: true when an open PSR was cancelled. */
	@Transactional
	boolean clear(String orgId, String channelDeveloperName, DeleteRouteRequest request) {
		Org org = this.lookups.org(orgId);
		if (request.cancelReason() != null && !org.features().cancelReasons()) {
			throw ErrorCode.CANCEL_REASON_NOT_SUPPORTED
				.exception("Org " + org.key() + " does not support cancelReason; omit it.");
		}
		Conversation conversation = this.lookups.partnerConversation(orgId, channelDeveloperName,
				request.conversationIdentifier());
		return this.repository.openPsr(conversation.conversationIdentifier())
			.map((psr) -> cancel(psr, (request.cancelReason() != null) ? request.cancelReason().name() : null,
					"Cleared by the partner."))
			.orElse(false);
	}

	/**
	 * {@code POST /api/v1/routingResult}: a failure closes the open PSR as Failed; an external success closes it as
	 * Completed (no rep of ours will take it); an internal success is noted and the PSR waits for its AgentWork.
	 */
	@Transactional
	void recordResult(String orgId, String channelDeveloperName, RoutingResultRequest request) {
		Conversation conversation = this.lookups.partnerConversation(orgId, channelDeveloperName,
				request.conversationIdentifier());
		if (this.lookups.sessionOf(conversation, request.workItemId()).isEmpty()) {
			throw ErrorCode.WORKITEM_ID_INVALID.exception("workItemId " + request.workItemId()
					+ " is not a messaging session of conversation " + conversation.conversationIdentifier() + ".");
		}
		this.repository.openPsr(conversation.conversationIdentifier())
			.filter((psr) -> psr.workItemId().equals(request.workItemId()))
			.ifPresent((psr) -> {
				if (!request.success()) {
					if (this.repository.closePsr(psr.id(), PendingServiceRouting.Status.Failed, null,
							request.errorMessage(), request.externallyRouted())) {
						closed(psr, conversation, request.errorMessage(), false);
					}
				}
				else if (request.externallyRouted()) {
					if (this.repository.closePsr(psr.id(), PendingServiceRouting.Status.Completed, null, null, true)) {
						cancelAssignedWork(psr, conversation);
						if (psr.routingType() == RoutingType.Transfer) {
							this.workEvents.transferProgress(conversation, psr, WorkEvents.TransferStatus.Completed,
									List.of(), null);
						}
						this.workEvents.routingChanged(conversation.orgKey());
					}
				}
				else {
					this.repository.notePsrResult(psr.id(), null, false);
				}
			});
	}

	/**
	 * An agent in the conversation hands it on: a Transfer PSR to a queue, a flow (with fallback queue) or a user.
	 * On a Partner-routed channel the partner's router gets a RoutingRequested event whose {@code channelData}
	 * carries the PSR's correlation id as {@code eventId}; on a Salesforce-routed channel agents pick it up.
	 */
	@Transactional
	public PendingServiceRouting transfer(String orgId, String userId, String conversationIdentifier,
			TransferTarget target) {
		Org org = this.lookups.org(orgId);
		Org.AppUser agent = this.lookups.user(org, userId);
		Conversation conversation = this.lookups.conversation(orgId, conversationIdentifier);
		AgentWork work = this.repository.activeWorkOfConversation(conversationIdentifier).stream()
			.filter((w) -> w.status() == AgentWork.Status.Opened && OrgIds.sameId(w.userId(), agent.id()))
			.findFirst()
			.orElseThrow(() -> ErrorCode.INVALID_PARAMETERS.exception(
					"User " + agent.id() + " has no opened work in conversation " + conversationIdentifier + "."));
		if (Boolean.FALSE.equals(work.transferVisible())) {
			throw ErrorCode.INVALID_PARAMETERS
				.exception("Transfer is hidden for agent work " + work.id() + " (agentActionVisibilities).");
		}
		MessagingSession session = this.lookups.currentSession(conversation);
		if (session.status() == MessagingSession.Status.Ended) {
			throw ErrorCode.INVALID_PARAMETERS.exception("The messaging session " + session.id() + " has ended.");
		}
		Target to = transferTarget(org, agent, target);
		PendingServiceRouting previous = this.repository.openPsr(conversationIdentifier).orElse(null);
		Map<String, String> attributes = (previous != null) ? previous.routingAttributes() : latestAttributes(conversation);
		PendingServiceRouting psr = open(conversation, session, RoutingType.Transfer,
				PendingServiceRouting.Origin.Transfer, to, attributes);
		this.workEvents.transferProgress(conversation, psr, WorkEvents.TransferStatus.Requested, List.of(),
				Participant.agent(agent.id()));
		if (this.lookups.channel(conversation).routingOwner() == Channel.Owner.Partner) {
			this.events.routingRequested(conversation, psr, agent.id());
		}
		return psr;
	}

	/** The org's open PSRs, oldest first: what waits for a rep. */
	@Transactional(readOnly = true)
	public List<PendingServiceRouting> openRoutings(String orgId) {
		return this.repository.openPsrs(this.lookups.org(orgId).key());
	}

	/** Every PSR a conversation had, oldest first. */
	@Transactional(readOnly = true)
	public List<PendingServiceRouting> routingsOf(String orgId, String conversationIdentifier) {
		return this.repository.psrsOf(this.lookups.conversation(orgId, conversationIdentifier).conversationIdentifier());
	}

	/**
	 * Simulated Omni-Channel: on a Salesforce-routed channel, an end user's message in a conversation with no open
	 * PSR and no active work opens a PSR with the channel's routing and the message's routing attributes. Runs in
	 * the recording transaction, so the entry and its PSR commit together.
	 */
	@EventListener
	void onEndUserEntry(EndUserEntryRecorded recorded) {
		Conversation conversation = recorded.conversation();
		Channel channel = this.lookups.channelIfPresent(conversation);
		if (channel == null || channel.routingOwner() != Channel.Owner.Salesforce) {
			return;
		}
		if (channel.routing() == null) {
			log.warn("Channel {} of org {} is routed by Salesforce but has no routing configured; conversation {} "
					+ "waits unrouted.", channel.developerName(), conversation.orgKey(),
					conversation.conversationIdentifier());
			return;
		}
		if (this.repository.openPsr(conversation.conversationIdentifier()).isPresent()
				|| !this.repository.activeWorkOfConversation(conversation.conversationIdentifier()).isEmpty()) {
			return;
		}
		PendingServiceRouting psr = newPsr(conversation, recorded.entry().messagingSessionId(), RoutingType.Initial,
				PendingServiceRouting.Origin.Channel, Target.of(channel.routing()), recorded.routingAttributes(),
				true);
		// a concurrent first message opened it already: that one routes the conversation
		if (this.repository.insertOpenPsr(psr)) {
			this.workEvents.routingChanged(conversation.orgKey());
		}
	}

	/** Cancels the PSR (if still open) and the work offered for it that nobody accepted yet. */
	public boolean cancel(PendingServiceRouting psr, String cancelReason, String message) {
		return cancel(psr, cancelReason, message, false);
	}

	/**
	 * Cancels the PSR (if still open) and the work offered for it; a transfer fails (TransferProgress Failed, and
	 * TransferError for the reps who asked for it, unless the session ended, which closes their work anyway).
	 */
	public boolean cancel(PendingServiceRouting psr, String cancelReason, String message, boolean sessionEnded) {
		if (!this.repository.closePsr(psr.id(), PendingServiceRouting.Status.Canceled, cancelReason, message, null)) {
			return false;
		}
		Conversation conversation = this.lookups.conversation(psr.orgKey(), psr.conversationIdentifier());
		closed(psr, conversation, message, sessionEnded);
		return true;
	}

	/**
	 * A transfer to a rep on a Salesforce-routed channel that the rep declined or let time out: it fails, and the
	 * conversation stays with the reps who had it.
	 */
	public void failTransfer(PendingServiceRouting psr, Conversation conversation, String reason) {
		if (this.repository.closePsr(psr.id(), PendingServiceRouting.Status.Failed, null, reason, null)) {
			closed(psr, conversation, reason, false);
		}
	}

	/** What a PSR closed without a rep accepting it causes: offers canceled, a transfer failed, the queue moves. */
	private void closed(PendingServiceRouting psr, Conversation conversation, String reason, boolean sessionEnded) {
		cancelAssignedWork(psr, conversation);
		if (psr.routingType() == RoutingType.Transfer) {
			List<String> errors = (reason != null) ? List.of(reason) : List.of();
			this.workEvents.transferProgress(conversation, psr, WorkEvents.TransferStatus.Failed, errors, null);
			if (!sessionEnded) {
				for (AgentWork work : this.repository.activeWorkOfConversation(psr.conversationIdentifier())) {
					if (work.status() == AgentWork.Status.Opened) {
						this.workEvents.workResult(conversation, work, WorkEvents.WorkType.TransferError, errors,
								null, null);
					}
				}
			}
		}
		this.workEvents.routingChanged(conversation.orgKey());
	}

	private void cancelAssignedWork(PendingServiceRouting psr, Conversation conversation) {
		for (AgentWork work : this.repository.activeWorkOfConversation(psr.conversationIdentifier())) {
			if (psr.id().equals(work.psrId()) && work.status() == AgentWork.Status.Assigned
					&& this.repository.changeWork(work.id(), AgentWork.Status.Assigned, AgentWork.Status.Canceled)) {
				this.workEvents.workResult(conversation, work, WorkEvents.WorkType.Cancelled,
						List.of("The routing " + psr.id() + " was closed."), psr, null);
			}
		}
	}

	private PendingServiceRouting open(Conversation conversation, MessagingSession session, RoutingType routingType,
			PendingServiceRouting.Origin origin, Target target, Map<String, String> attributes) {
		boolean salesforceRouted = this.lookups.channel(conversation).routingOwner() == Channel.Owner.Salesforce;
		PendingServiceRouting psr = newPsr(conversation, session.id(), routingType, origin, target, attributes,
				salesforceRouted);
		this.repository.openPsr(conversation.conversationIdentifier())
			.ifPresent((previous) -> cancel(previous, null, "Replaced by " + psr.id() + "."));
		if (!this.repository.insertOpenPsr(psr)) {
			throw ErrorCode.CONVERSATION_PROCESSING_ABORTED.exception("Another request routed conversation "
					+ conversation.conversationIdentifier() + " at the same time; retry.");
		}
		this.workEvents.routingChanged(conversation.orgKey());
		return psr;
	}

	private static PendingServiceRouting newPsr(Conversation conversation, String workItemId, RoutingType routingType,
			PendingServiceRouting.Origin origin, Target target, Map<String, String> attributes,
			boolean salesforceRouted) {
		return new PendingServiceRouting(RecordIds.newId(PendingServiceRouting.KEY_PREFIX), conversation.orgKey(),
				conversation.conversationIdentifier(), workItemId, conversation.channelDeveloperName(), routingType,
				origin, target.flowId(), target.queueId(), target.userId(), attributes, UUID.randomUUID().toString(),
				PendingServiceRouting.Status.Open, null, null, null, Instant.now(), null, salesforceRouted, null);
	}

	/** The routing the request names, checked against the org; the channel's own without routingInfo. */
	private static Target target(Org org, Channel channel, RouteRequest.RoutingInfo info) {
		if (info == null) {
			if (channel.routing() == null) {
				throw ErrorCode.INVALID_ROUTING_CONFIG_ERROR.exception("Channel " + channel.developerName()
						+ " has no routing configured; send routingInfo with a flow or a queueId.");
			}
			return Target.of(channel.routing());
		}
		if (info.flowId() != null) {
			Org.Flow flow = org.flow(info.flowId())
				.orElseThrow(() -> ErrorCode.INVALID_FLOW_ROUTING_CONFIG_ERROR
					.exception("flowId " + info.flowId() + " is not a flow of org " + org.key() + "."));
			return new Target(flow.id(), queue(org, info.queueId()).id(), null);
		}
		return new Target(null, queue(org, info.queueId()).id(), null);
	}

	private static Target transferTarget(Org org, Org.AppUser agent, TransferTarget target) {
		boolean none = target.queueId() == null && target.flowId() == null && target.userId() == null;
		boolean userAndMore = target.userId() != null && (target.queueId() != null || target.flowId() != null);
		if (none || userAndMore) {
			throw ErrorCode.INVALID_ROUTING_CONFIG_ERROR
				.exception("Transfer to one target: a queueId, a flowId with its fallback queueId, or a userId.");
		}
		if (target.userId() != null) {
			Org.AppUser user = org.userById(target.userId())
				.orElseThrow(() -> ErrorCode.USER_ID_INVALID
					.exception("No user " + target.userId() + " in org " + org.key() + "."));
			if (user.id().equals(agent.id())) {
				throw ErrorCode.INVALID_PARAMETERS.exception("An agent cannot transfer a conversation to themself.");
			}
			return new Target(null, null, user.id());
		}
		if (target.flowId() != null) {
			if (target.queueId() == null) {
				throw ErrorCode.INVALID_FLOW_ROUTING_CONFIG_ERROR
					.exception("A transfer to a flow needs the flow's fallback queueId as well.");
			}
			Org.Flow flow = org.flow(target.flowId())
				.orElseThrow(() -> ErrorCode.INVALID_FLOW_ROUTING_CONFIG_ERROR
					.exception("flowId " + target.flowId() + " is not a flow of org " + org.key() + "."));
			return new Target(flow.id(), queue(org, target.queueId()).id(), null);
		}
		return new Target(null, queue(org, target.queueId()).id(), null);
	}

	private static Org.Queue queue(Org org, String queueId) {
		return org.queue(queueId)
			.orElseThrow(() -> ErrorCode.INVALID_QUEUE_ROUTING_CONFIG_ERROR
				.exception("queueId " + queueId + " is not a queue of org " + org.key() + "."));
	}

	/** The routing attributes of the conversation's most recent routing, carried over to a transfer. */
	private Map<String, String> latestAttributes(Conversation conversation) {
		List<PendingServiceRouting> all = this.repository.psrsOf(conversation.conversationIdentifier());
		return all.isEmpty() ? Map.of() : new LinkedHashMap<>(all.get(all.size() - 1).routingAttributes());
	}

	/** Where a transfer goes: exactly one of a queue, a flow with its fallback queue, or a user. */
	public record TransferTarget(String queueId, String flowId, String userId) {
	}

	/** A checked routing target. */
	private record Target(String flowId, String queueId, String userId) {

		static Target of(Channel.ChannelRouting routing) {
			return new Target(routing.flowId(), routing.queueId(), null);
		}

	}

	/** What POST /route answers. */
	record RouteResult(boolean success, String psrId, String workItemId, String routingCorrelationId,
			Map<String, String> contextParamMap, String reasonForNotRouting) {

		static RouteResult routed(PendingServiceRouting psr) {
			Map<String, String> context = new LinkedHashMap<>();
			if (psr.queueId() != null) {
				context.put("queueId", psr.queueId());
			}
			if (psr.flowId() != null) {
				context.put("flowId", psr.flowId());
			}
			return new RouteResult(true, psr.id(), psr.workItemId(), psr.routingCorrelationId(), context, null);
		}

		static RouteResult notRouted(String workItemId, String reason) {
			return new RouteResult(false, null, workItemId, null, Map.of(), reason);
		}

	}

}
