package org.byoc.interaction.conversation.receipts;

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.Envelopes;
import org.byoc.interaction.contract.InteractionApiException;
import org.byoc.interaction.contract.JsonRequestBody;
import org.byoc.interaction.conversation.receipts.Acknowledgements.Acknowledge;

/**
 * {@code POST /api/v1/acknowledgement} (contract §B9): 200 {@code {"success": true}}; a refusal comes back as
 * {@code {"success": false, "errorDetail": {code, message}}}.
 */
@RestController
class AcknowledgementController {

	private final Acknowledgements acknowledgements;

	AcknowledgementController(Acknowledgements acknowledgements) {
		this.acknowledgements = acknowledgements;
	}

	@PostMapping("/api/v1/acknowledgement")
	Map<String, Object> acknowledge(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		this.acknowledgements.acknowledge(caller.orgId(), caller.authorizationContext(),
				Acknowledge.read(JsonRequestBody.parse(body)));
		return Envelopes.success();
	}

	@ExceptionHandler(InteractionApiException.class)
	ResponseEntity<Map<String, Object>> refused(InteractionApiException ex) {
		return ResponseEntity.status(ex.errorCode().httpStatus()).body(Envelopes.refusal(ex));
	}

}
