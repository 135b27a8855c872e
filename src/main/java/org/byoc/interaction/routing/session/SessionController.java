package org.byoc.interaction.routing.session;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.JsonRequestBody;

/** {@code POST /api/v1/participant} and {@code POST /api/v1/messagingSession} (contract §B14, §B15). */
@RestController
class SessionController {

	private final Sessions sessions;

	SessionController(Sessions sessions) {
		this.sessions = sessions;
	}

	@PostMapping("/api/v1/participant")
	ResponseEntity<Map<String, Object>> participant(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		this.sessions.removeParticipant(caller.orgId(), caller.authorizationContext(),
				ParticipantRequest.from(JsonRequestBody.parse(body, JsonRequestBody.MAX_ROUTING_BYTES)));
		return ResponseEntity.ok(Map.of("success", true));
	}

	@PostMapping("/api/v1/messagingSession")
	ResponseEntity<Map<String, Object>> messagingSession(ApiCaller caller,
			@RequestBody(required = false) byte[] body) {
		Sessions.Outcome outcome = this.sessions.operate(caller.orgId(), caller.authorizationContext(),
				MessagingSessionRequest.from(JsonRequestBody.parse(body, JsonRequestBody.MAX_ROUTING_BYTES)));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("success", outcome.success());
		if (outcome.errorReason() != null) {
			answer.put("errorReason", outcome.errorReason());
		}
		return ResponseEntity.ok(answer);
	}

}
