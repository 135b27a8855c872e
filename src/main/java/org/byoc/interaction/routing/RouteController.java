package org.byoc.interaction.routing;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.JsonRequestBody;
import org.byoc.interaction.contract.Success;

/** {@code POST} and {@code DELETE /api/v1/route}, {@code POST /api/v1/routingResult} (contract §B4, §B5, §B10). */
@RestController
class RouteController {

	private final Routings routings;

	RouteController(Routings routings) {
		this.routings = routings;
	}

	@PostMapping("/api/v1/route")
	ResponseEntity<RouteAnswer> route(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		Routings.RouteResult result = this.routings.route(caller.orgId(), caller.authorizationContext(),
				RouteRequest.from(JsonRequestBody.parse(body, JsonRequestBody.MAX_ROUTING_BYTES)));
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(new RouteAnswer(result.success(), result.psrId(), result.workItemId(), result.routingCorrelationId(),
					result.contextParamMap().isEmpty() ? null : result.contextParamMap(),
					result.reasonForNotRouting()));
	}

	@DeleteMapping("/api/v1/route")
	ResponseEntity<Success> clear(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		boolean cancelled = this.routings.clear(caller.orgId(), caller.authorizationContext(),
				DeleteRouteRequest.from(JsonRequestBody.parse(body, JsonRequestBody.MAX_ROUTING_BYTES)));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Success(cancelled));
	}

	@PostMapping("/api/v1/routingResult")
	ResponseEntity<Success> routingResult(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		this.routings.recordResult(caller.orgId(), caller.authorizationContext(),
				RoutingResultRequest.from(JsonRequestBody.parse(body, JsonRequestBody.MAX_ROUTING_BYTES)));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Success.TRUE);
	}

	/** The 202 answer of {@code POST /api/v1/route}; what does not apply is left out. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record RouteAnswer(boolean success, String psrId, String workItemId, String routingCorrelationId,
			Map<String, String> contextParamMap, String reasonForNotRouting) {
	}

}
