package org.byoc.interaction.routing.work;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonRequestBody;
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
	ResponseEntity<Map<String, Object>> update(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		caller.requireAuthorizationContextType();
		PatchAgentWorkRequest request = PatchAgentWorkRequest.from(JsonRequestBody.parse(body, JsonRequestBody.MAX_ROUTING_BYTES));
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
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("success", true));
	}

	@PostMapping("/api/v1/agentWork")
	ResponseEntity<Map<String, Object>> assign(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		AgentWorks.Assigned assigned = this.agentWorks.assign(caller.orgId(), caller.authorizationContext(),
				AgentWorkRequest.from(JsonRequestBody.parse(body, JsonRequestBody.MAX_ROUTING_BYTES)));
		AgentWork work = assigned.work();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("existPsr", assigned.psr() != null);
		if (assigned.psr() != null) {
			details.put("psrId", assigned.psr().id());
		}
		if (work.capacityPercentage() != null) {
			details.put("capacityPercentage", work.capacityPercentage());
		}
		if (work.capacityWeight() != null) {
			details.put("capacityWeight", work.capacityWeight());
		}
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("conversationIdentifier", work.conversationIdentifier());
		context.put("routingType", work.routingType().name());
		context.put("routingCorrelationId", work.routingCorrelationId());
		details.put("routingContext", context);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("id", UUID.randomUUID().toString());
		answer.put("agentWorkId", work.id());
		answer.put("success", true);
		answer.put("agentWorkDetails", details);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
	}

}
