package org.byoc.interaction.conversation.receipts;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.InteractionApiException;
import org.byoc.interaction.contract.JsonRequestBody;
import org.byoc.interaction.contract.Refusal;
import org.byoc.interaction.contract.Success;
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
	Success acknowledge(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		this.acknowledgements.acknowledge(caller.orgId(), caller.authorizationContext(),
				Acknowledge.read(JsonRequestBody.parse(body)));
		return Success.TRUE;
	}

	@ExceptionHandler(InteractionApiException.class)
	ResponseEntity<Refusal> refused(InteractionApiException ex) {
		return ResponseEntity.status(ex.errorCode().httpStatus()).body(Refusal.of(ex));
	}

}
