package org.byoc.interaction.agent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.routing.PendingServiceRouting;
import org.byoc.interaction.routing.Routings;
import org.byoc.interaction.routing.session.Sessions;
import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.routing.work.AgentWorks;
import org.byoc.interaction.web.AdminEndpoint;

/**
 * The agent's side of routing on the management port (admin token): what waits for a rep, a rep's work, and the
 * rep's actions on it — pick up (Salesforce-routed channels), accept, decline, close, transfer, end. Every action
 * that changes who is in a conversation or its session reaches the partner as outbound events.
 */
@AdminEndpoint
@RequestMapping("/admin/api/orgs/{orgId}")
class AgentDeskController {

	private final AgentWorks agentWorks;

	private final Routings routings;

	private final Sessions sessions;

	AgentDeskController(AgentWorks agentWorks, Routings routings, Sessions sessions) {
		this.agentWorks = agentWorks;
		this.routings = routings;
		this.sessions = sessions;
	}

	/** Open pending service routings of the org, oldest first. */
	@GetMapping("/routings")
	RoutingList openRoutings(@PathVariable String orgId) {
		return new RoutingList(this.routings.openRoutings(orgId).stream().map(RoutingView::of).toList());
	}

	/** Every routing and every agent work a conversation had. */
	@GetMapping("/conversations/{conversationIdentifier}/routing")
	ConversationRouting conversationRouting(@PathVariable String orgId, @PathVariable String conversationIdentifier) {
		return new ConversationRouting(
				this.routings.routingsOf(orgId, conversationIdentifier).stream().map(RoutingView::of).toList(),
				this.agentWorks.workOf(orgId, conversationIdentifier).stream().map(WorkView::of).toList());
	}

	/** The rep's Assigned and Opened work. */
	@GetMapping("/agents/{userId}/work")
	WorkList work(@PathVariable String orgId, @PathVariable String userId) {
		return new WorkList(this.agentWorks.activeWork(orgId, userId).stream().map(WorkView::of).toList());
	}

	/** The rep takes an open routing of a Salesforce-routed channel: {@code {"psrId": "0JR..."}}. */
	@PostMapping("/agents/{userId}/work")
	WorkView pickUp(@PathVariable String orgId, @PathVariable String userId, @RequestBody PickUpRequest request) {
		if (request.psrId() == null || request.psrId().isBlank()) {
			throw ErrorCode.INVALID_PARAMETERS.exception("psrId is required.");
		}
		return WorkView.of(this.agentWorks.pickUp(orgId, userId, request.psrId()));
	}

	@PostMapping("/agents/{userId}/work/{agentWorkId}/accept")
	WorkView accept(@PathVariable String orgId, @PathVariable String userId, @PathVariable String agentWorkId) {
		return WorkView.of(this.agentWorks.accept(orgId, userId, agentWorkId));
	}

	@PostMapping("/agents/{userId}/work/{agentWorkId}/decline")
	WorkView decline(@PathVariable String orgId, @PathVariable String userId, @PathVariable String agentWorkId) {
		return WorkView.of(this.agentWorks.decline(orgId, userId, agentWorkId));
	}

	@PostMapping("/agents/{userId}/work/{agentWorkId}/close")
	WorkView close(@PathVariable String orgId, @PathVariable String userId, @PathVariable String agentWorkId) {
		return WorkView.of(this.agentWorks.close(orgId, userId, agentWorkId));
	}

	/**
	 * Transfers the conversation to one of {@code {"queueId"}}, {@code {"flowId", "queueId"}} or {@code {"userId"}}.
	 * The answer's {@code routingCorrelationId} is the {@code eventId} the partner's router receives.
	 */
	@PostMapping("/agents/{userId}/conversations/{conversationIdentifier}/transfer")
	RoutingView transfer(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, @RequestBody TransferRequest request) {
		return RoutingView.of(this.routings.transfer(orgId, userId, conversationIdentifier,
				new Routings.TransferTarget(blankToNull(request.queueId()), blankToNull(request.flowId()),
						blankToNull(request.userId()))));
	}

	/** The rep ends the conversation's session. */
	@PostMapping("/agents/{userId}/conversations/{conversationIdentifier}/end")
	EndedSession end(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier) {
		MessagingSession session = this.sessions.endByAgent(orgId, userId, conversationIdentifier);
		return new EndedSession(session.id(), session.status().name(), millis(session.endedAt()));
	}

	private static Long millis(Instant instant) {
		return (instant != null) ? instant.toEpochMilli() : null;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	record RoutingList(List<RoutingView> routings) {
	}

	record WorkList(List<WorkView> work) {
	}

	record ConversationRouting(List<RoutingView> routings, List<WorkView> work) {
	}

	record EndedSession(String sessionId, String sessionStatus, Long sessionEndTime) {
	}

	/**
	 * An agent work as the admin API shows it; {@code offerTimeoutAt} is set on work the service's router offered:
	 * still Assigned then, it goes back to the queue.
	 */
	record WorkView(String agentWorkId, String userId, String workItemId, String conversationIdentifier,
			String psrId, String status, String routingType, String routingCorrelationId, Double capacityPercentage,
			Double capacityWeight, Boolean transferVisible, Boolean conferenceVisible, Long createdAt,
			Long acceptedAt, Long closedAt, Long offerTimeoutAt) {

		static WorkView of(AgentWork work) {
			return new WorkView(work.id(), work.userId(), work.workItemId(), work.conversationIdentifier(),
					work.psrId(), work.status().name(), work.routingType().name(), work.routingCorrelationId(),
					work.capacityPercentage(), work.capacityWeight(), work.transferVisible(), work.conferenceVisible(),
					millis(work.createdAt()), millis(work.acceptedAt()), millis(work.closedAt()),
					millis(work.pushTimeoutAt()));
		}

	}

	/** A pending service routing as the admin API shows it. */
	record RoutingView(String psrId, String conversationIdentifier, String workItemId, String channelDeveloperName,
			String routingType, String origin, String flowId, String queueId, String userId,
			Map<String, String> routingAttributes, String routingCorrelationId, String status, String cancelReason,
			String resultMessage, Boolean externallyRouted, Long createdAt, Long closedAt, Integer queuePosition) {

		static RoutingView of(PendingServiceRouting psr) {
			return new RoutingView(psr.id(), psr.conversationIdentifier(), psr.workItemId(),
					psr.channelDeveloperName(), psr.routingType().name(), psr.origin().name(), psr.flowId(),
					psr.queueId(), psr.userId(), psr.routingAttributes(), psr.routingCorrelationId(),
					psr.status().name(), psr.cancelReason(), psr.resultMessage(), psr.externallyRouted(),
					millis(psr.createdAt()), millis(psr.closedAt()), psr.queuePosition());
		}

	}

	record PickUpRequest(String psrId) {
	}

	record TransferRequest(String queueId, String flowId, String userId) {
	}

}
