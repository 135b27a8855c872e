package org.byoc.interaction.agent;

import java.time.Instant;
import java.util.LinkedHashMap;
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
	Map<String, Object> openRoutings(@PathVariable String orgId) {
		return Map.of("routings", this.routings.openRoutings(orgId).stream().map(AgentDeskController::view).toList());
	}

	/** Every routing and every agent work a conversation had. */
	@GetMapping("/conversations/{conversationIdentifier}/routing")
	Map<String, Object> conversationRouting(@PathVariable String orgId, @PathVariable String conversationIdentifier) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("routings", this.routings.routingsOf(orgId, conversationIdentifier).stream()
			.map(AgentDeskController::view).toList());
		answer.put("work", this.agentWorks.workOf(orgId, conversationIdentifier).stream()
			.map(AgentDeskController::view).toList());
		return answer;
	}

	/** The rep's Assigned and Opened work. */
	@GetMapping("/agents/{userId}/work")
	Map<String, Object> work(@PathVariable String orgId, @PathVariable String userId) {
		List<Map<String, Object>> work = this.agentWorks.activeWork(orgId, userId).stream()
			.map(AgentDeskController::view)
			.toList();
		return Map.of("work", work);
	}

	/** The rep takes an open routing of a Salesforce-routed channel: {@code {"psrId": "0JR..."}}. */
	@PostMapping("/agents/{userId}/work")
	Map<String, Object> pickUp(@PathVariable String orgId, @PathVariable String userId,
			@RequestBody PickUpRequest request) {
		if (request.psrId() == null || request.psrId().isBlank()) {
			throw ErrorCode.INVALID_PARAMETERS.exception("psrId is required.");
		}
		return view(this.agentWorks.pickUp(orgId, userId, request.psrId()));
	}

	@PostMapping("/agents/{userId}/work/{agentWorkId}/accept")
	Map<String, Object> accept(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String agentWorkId) {
		return view(this.agentWorks.accept(orgId, userId, agentWorkId));
	}

	@PostMapping("/agents/{userId}/work/{agentWorkId}/decline")
	Map<String, Object> decline(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String agentWorkId) {
		return view(this.agentWorks.decline(orgId, userId, agentWorkId));
	}

	@PostMapping("/agents/{userId}/work/{agentWorkId}/close")
	Map<String, Object> close(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String agentWorkId) {
		return view(this.agentWorks.close(orgId, userId, agentWorkId));
	}

	/**
	 * Transfers the conversation to one of {@code {"queueId"}}, {@code {"flowId", "queueId"}} or {@code {"userId"}}.
	 * The answer's {@code routingCorrelationId} is the {@code eventId} the partner's router receives.
	 */
	@PostMapping("/agents/{userId}/conversations/{conversationIdentifier}/transfer")
	Map<String, Object> transfer(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, @RequestBody TransferRequest request) {
		return view(this.routings.transfer(orgId, userId, conversationIdentifier,
				new Routings.TransferTarget(blankToNull(request.queueId()), blankToNull(request.flowId()),
						blankToNull(request.userId()))));
	}

	/** The rep ends the conversation's session. */
	@PostMapping("/agents/{userId}/conversations/{conversationIdentifier}/end")
	Map<String, Object> end(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier) {
		MessagingSession session = this.sessions.endByAgent(orgId, userId, conversationIdentifier);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("sessionId", session.id());
		answer.put("sessionStatus", session.status().name());
		answer.put("sessionEndTime", millis(session.endedAt()));
		return answer;
	}

	private static Map<String, Object> view(AgentWork work) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("agentWorkId", work.id());
		view.put("userId", work.userId());
		view.put("workItemId", work.workItemId());
		view.put("conversationIdentifier", work.conversationIdentifier());
		view.put("psrId", work.psrId());
		view.put("status", work.status().name());
		view.put("routingType", work.routingType().name());
		view.put("routingCorrelationId", work.routingCorrelationId());
		view.put("capacityPercentage", work.capacityPercentage());
		view.put("capacityWeight", work.capacityWeight());
		view.put("transferVisible", work.transferVisible());
		view.put("conferenceVisible", work.conferenceVisible());
		view.put("createdAt", millis(work.createdAt()));
		view.put("acceptedAt", millis(work.acceptedAt()));
		view.put("closedAt", millis(work.closedAt()));
		// set on work the service's router offered: still Assigned then, it goes back to the queue
		view.put("offerTimeoutAt", millis(work.pushTimeoutAt()));
		return view;
	}

	private static Map<String, Object> view(PendingServiceRouting psr) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("psrId", psr.id());
		view.put("conversationIdentifier", psr.conversationIdentifier());
		view.put("workItemId", psr.workItemId());
		view.put("channelDeveloperName", psr.channelDeveloperName());
		view.put("routingType", psr.routingType().name());
		view.put("origin", psr.origin().name());
		view.put("flowId", psr.flowId());
		view.put("queueId", psr.queueId());
		view.put("userId", psr.userId());
		view.put("routingAttributes", psr.routingAttributes());
		view.put("routingCorrelationId", psr.routingCorrelationId());
		view.put("status", psr.status().name());
		view.put("cancelReason", psr.cancelReason());
		view.put("resultMessage", psr.resultMessage());
		view.put("externallyRouted", psr.externallyRouted());
		view.put("createdAt", millis(psr.createdAt()));
		view.put("closedAt", millis(psr.closedAt()));
		view.put("queuePosition", psr.queuePosition());
		return view;
	}

	private static Long millis(Instant instant) {
		return (instant != null) ? instant.toEpochMilli() : null;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	record PickUpRequest(String psrId) {
	}

	record TransferRequest(String queueId, String flowId, String userId) {
	}

}
