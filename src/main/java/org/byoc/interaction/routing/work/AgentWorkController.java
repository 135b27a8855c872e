package org.byoc.interaction.routing.work;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonRequestBody;
import org.byoc.interaction.contract.Success;
import org.byoc.interaction.conversation.bot.BotCaller;
import org.byoc.interaction.conversation.bot.BotConversations;

/** {@code /api/v1/agentWork}: the partner's router assigns work to a rep (§B2) and updates it (§B11). */
@RestController
class AgentWorkController {

	private final AgentWorks agentWorks;

	private final BotConversations bots;

	AgentWorkController(AgentWorks agentWorks, BotConversations bots) {
		this.agentWorks = agentWorks;
		this.bots = bots;
	}

	/** {@code PATCH /api/v1/agentWork} (contract §B11): cancel or close a rep's work, or a bot's accept / decline / close. */
	@PatchMapping("/api/v1/agentWork")
	ResponseEntity<Success> update(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		caller.requireAuthorizationContextType();
		PatchAgentWorkRequest request = PatchAgentWorkRequest
			.from(JsonRequestBody.parse(body, JsonRequestBody.MAX_ROUTING_BYTES));
		if (request.contextType() == PatchAgentWorkRequest.ContextType.Chatbot) {
			this.bots.updateWork(new BotCaller(caller.orgId(), caller.orgKey(), caller.requireBotIntegration()),
					request.workItemId(), request.botId(),
					BotConversations.BotWork.valueOf(request.status().name()));
		}
		else {
			if (caller.isBotIntegration()) {
				throw ErrorCode.CONTEXT_TYPE_INVALID
					.exception("A bot integration updates its own work: send contextType Chatbot.");
			}
			this.agentWorks.updateByPartner(caller.orgId(), caller.authorizationContext(), request.workId(),
					request.status() == PatchAgentWorkRequest.Status.Cancel);
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Success.TRUE);
	}

	@PostMapping("/api/v1/agentWork")
	ResponseEntity<Assigned> assign(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		AgentWorks.Assigned assigned = this.agentWorks.assign(caller.orgId(), caller.authorizationContext(),
				AgentWorkRequest.from(JsonRequestBody.parse(body, JsonRequestBody.MAX_ROUTING_BYTES)));
		AgentWork work = assigned.work();
		Details details = new Details(assigned.psr() != null,
				(assigned.psr() != null) ? assigned.psr().id() : null, work.capacityPercentage(),
				work.capacityWeight(), new RoutingContext(work.conversationIdentifier(), work.routingType().name(),
						work.routingCorrelationId()));
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(new Assigned(UUID.randomUUID().toString(), work.id(), true, details));
	}

	/** The 202 answer of {@code POST /api/v1/agentWork}. */
	record Assigned(String id, String agentWorkId, boolean success, Details agentWorkDetails) {
	}

	/** The work's details; psrId and the capacity only where they apply. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Details(boolean existPsr, String psrId, Double capacityPercentage, Double capacityWeight,
			RoutingContext routingContext) {
	}

	/** Always all three, routingCorrelationId null when the partner sent none. */
	record RoutingContext(String conversationIdentifier, String routingType, String routingCorrelationId) {
	}

}
