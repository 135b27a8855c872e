package org.byoc.interaction.routing.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.JsonRequestBody;
import org.byoc.interaction.contract.Success;

/** {@code POST /api/v1/participant} and {@code POST /api/v1/messagingSession} (contract §B14, §B15). */
@RestController
class SessionController {

	private final Sessions sessions;

	SessionController(Sessions sessions) {
		this.sessions = sessions;
	}

	@PostMapping("/api/v1/participant")
	ResponseEntity<Success> participant(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		this.sessions.removeParticipant(caller.orgId(), caller.authorizationContext(),
				ParticipantRequest.from(JsonRequestBody.parse(body, JsonRequestBody.MAX_ROUTING_BYTES)));
		return ResponseEntity.ok(Success.TRUE);
	}

	@PostMapping("/api/v1/messagingSession")
	ResponseEntity<SessionAnswer> messagingSession(ApiCaller caller,
			@RequestBody(required = false) byte[] body) {
		Sessions.Outcome outcome = this.sessions.operate(caller.orgId(), caller.authorizationContext(),
				MessagingSessionRequest.from(JsonRequestBody.parse(body, JsonRequestBody.MAX_ROUTING_BYTES)));
		return ResponseEntity.ok(new SessionAnswer(outcome.success(), outcome.errorReason()));
	}

	/** The answer of {@code POST /api/v1/messagingSession}: its errorReason only when there is one. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record SessionAnswer(boolean success, String errorReason) {
	}

}
