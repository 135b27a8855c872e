package org.byoc.interaction.conversation.capabilities;

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
import org.byoc.interaction.conversation.capabilities.ChannelCapabilities.Registrant;

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
	Success register(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		String ownType = caller.isBotIntegration() ? ChannelCapabilities.BOT_INTEGRATION
				: ChannelCapabilities.CHANNEL_INTEGRATION;
		this.capabilities.register(new Registrant(caller.orgId(), caller.orgKey(), caller.consumerKey(), ownType,
				caller.authorizationContext()), RegisterCapabilities.read(JsonRequestBody.parse(body)));
		return Success.TRUE;
	}

	@ExceptionHandler(InteractionApiException.class)
	ResponseEntity<Refusal> refused(InteractionApiException ex) {
		return ResponseEntity.status(ex.errorCode().httpStatus()).body(Refusal.of(ex));
	}

}
