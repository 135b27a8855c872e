package org.byoc.interaction.routing.consent;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.InteractionApiException;
import org.byoc.interaction.contract.JsonRequestBody;

/**
 * {@code PATCH /api/v1/consent} (contract §B3). Success and refusal share one envelope:
 * {@code {"success": false, "errorDetail": {"code": ..., "message": ...}}}.
 */
@RestController
class ConsentController {

	private final Consents consents;

	ConsentController(Consents consents) {
		this.consents = consents;
	}

	@PatchMapping("/api/v1/consent")
	ResponseEntity<Map<String, Object>> update(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		this.consents.update(caller.orgId(), caller.authorizationContext(), ConsentRequest.from(JsonRequestBody.parse(body, JsonRequestBody.MAX_ROUTING_BYTES)));
		return ResponseEntity.ok(Map.of("success", true));
	}

	@ExceptionHandler(InteractionApiException.class)
	ResponseEntity<Map<String, Object>> refused(InteractionApiException ex) {
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("code", ex.errorCode().code());
		detail.put("message", ex.getMessage());
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("success", false);
		answer.put("errorDetail", detail);
		return ResponseEntity.status(ex.errorCode().httpStatus()).body(answer);
	}

}
