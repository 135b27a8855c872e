package org.byoc.interaction.routing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.JsonRequestBody;

/** {@code POST} and {@code DELETE /api/v1/route}, {@code POST /api/v1/routingResult} (contract §B4, §B5, §B10). */
@RestController
class RouteController {

	private final Routings routings;

	RouteController(Routings routings) {
		this.routings = routings;
	}

	@PostMapping("/api/v1/route")
	ResponseEntity<Map<String, Object>> route(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		Routings.RouteResult result = this.routings.route(caller.orgId(), caller.authorizationContext(),
				RouteRequest.from(JsonRequestBody.parse(body, JsonRequestBody.MAX_ROUTING_BYTES)));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("success", result.success());
		putIfPresent(answer, "psrId", result.psrId());
		putIfPresent(answer, "workItemId", result.workItemId());
		putIfPresent(answer, "routingCorrelationId", result.routingCorrelationId());
		if (!result.contextParamMap().isEmpty()) {
			answer.put("contextParamMap", result.contextParamMap());
		}
		putIfPresent(answer, "reasonForNotRouting", result.reasonForNotRouting());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
	}

	@DeleteMapping("/api/v1/route")
	ResponseEntity<Map<String, Object>> clear(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		boolean cancelled = this.routings.clear(caller.orgId(), caller.authorizationContext(),
				DeleteRouteRequest.from(JsonRequestBody.parse(body, JsonRequestBody.MAX_ROUTING_BYTES)));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("success", cancelled));
	}

	@PostMapping("/api/v1/routingResult")
	ResponseEntity<Map<String, Object>> routingResult(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		this.routings.recordResult(caller.orgId(), caller.authorizationContext(),
				RoutingResultRequest.from(JsonRequestBody.parse(body, JsonRequestBody.MAX_ROUTING_BYTES)));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("success", true));
	}

	private static void putIfPresent(Map<String, Object> answer, String name, Object value) {
		if (value != null) {
			answer.put(name, value);
		}
	}

}
