package org.byoc.interaction.routing.consent;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.InteractionApiException;
import org.byoc.interaction.contract.JsonRequestBody;
import org.byoc.interaction.contract.Refusal;
import org.byoc.interaction.contract.Success;

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
	ResponseEntity<Success> update(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		this.consents.update(caller.orgId(), caller.authorizationContext(),
				ConsentRequest.from(JsonRequestBody.parse(body, JsonRequestBody.MAX_ROUTING_BYTES)));
		return ResponseEntity.ok(Success.TRUE);
	}

	@ExceptionHandler(InteractionApiException.class)
	ResponseEntity<Refusal> refused(InteractionApiException ex) {
		return ResponseEntity.status(ex.errorCode().httpStatus()).body(Refusal.of(ex));
	}

}
