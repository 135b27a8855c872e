package org.byoc.interaction.conversation.capabilities;

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.Envelopes;
import org.byoc.interaction.contract.InteractionApiException;

/**
 * {@code PATCH /api/v1/capabilities} (contract §B6): 200 {@code {"success": true}}; a refusal comes back in the same
 * envelope with {@code errorDetail}. {@code AuthorizationContextType} is optional here.
 */
@RestController
class CapabilitiesController {

	private final ChannelCapabilities capabilities;

	CapabilitiesController(ChannelCapabilities capabilities) {
		this.capabilities = capabilities;
	}

	@PatchMapping("/api/v1/capabilities")
	Map<String, Object> register(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		this.capabilities.register(caller, body);
		return Envelopes.success();
	}

	@ExceptionHandler(InteractionApiException.class)
	ResponseEntity<Map<String, Object>> refused(InteractionApiException ex) {
		return ResponseEntity.status(ex.errorCode().httpStatus()).body(Envelopes.refusal(ex));
	}

}
