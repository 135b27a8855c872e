package org.byoc.interaction.routing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.web.ApiCaller;

/** {@code POST /api/v1/agentWork} (contract §B2): the partner's router assigns a work item to a rep. */
@RestController
class AgentWorkController {

	private final AgentWorks agentWorks;

	AgentWorkController(AgentWorks agentWorks) {
		this.agentWorks = agentWorks;
	}

	@PostMapping("/api/v1/agentWork")
	ResponseEntity<Map<String, Object>> assign(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		AgentWorks.Assigned assigned = this.agentWorks.assign(caller.orgId(), caller.authorizationContext(),
				AgentWorkRequest.from(JsonBody.parse(body)));
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
