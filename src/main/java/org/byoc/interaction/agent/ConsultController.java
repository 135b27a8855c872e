package org.byoc.interaction.agent;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.web.AdminEndpoint;

/**
 * A consult conversation on the management port (admin token): read it, write in it (one of its two agents), end
 * it. It is opened with {@code POST /admin/api/conversations/{conversationIdentifier}/consult}.
 */
@AdminEndpoint
@RequestMapping("/admin/api/consults/{consultConversationIdentifier}")
class ConsultController {

	private final Consults consults;

	ConsultController(Consults consults) {
		this.consults = consults;
	}

	@GetMapping
	Map<String, Object> get(@PathVariable String consultConversationIdentifier) {
		return view(this.consults.view(consultConversationIdentifier));
	}

	@PostMapping("/messages")
	Map<String, Object> write(@PathVariable String consultConversationIdentifier,
			@RequestBody MessageRequest request) {
		return view(this.consults.write(consultConversationIdentifier, required(request.senderUserId()),
				request.text()));
	}

	@PostMapping("/end")
	Map<String, Object> end(@PathVariable String consultConversationIdentifier, @RequestBody EndRequest request) {
		return view(this.consults.end(consultConversationIdentifier, required(request.userId())));
	}

	static Map<String, Object> view(Consults.View view) {
		Consults.Consult consult = view.consult();
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("consultConversationIdentifier", consult.id());
		answer.put("conversationIdentifier", consult.conversationIdentifier());
		answer.put("identifier", consult.infoEntryId());
		answer.put("requestedBy", consult.requestedBy());
		answer.put("consultedUserId", consult.consultedUserId());
		answer.put("status", consult.status().name());
		answer.put("createdAt", consult.createdAt().toEpochMilli());
		answer.put("endedAt", (consult.endedAt() != null) ? consult.endedAt().toEpochMilli() : null);
		answer.put("messages", view.messages().stream().map((m) -> {
			Map<String, Object> message = new LinkedHashMap<>();
			message.put("senderUserId", m.senderUserId());
			message.put("text", m.text());
			message.put("createdAt", m.createdAt());
			return message;
		}).toList());
		return answer;
	}

	private static String required(String userId) {
		if (userId == null || userId.isBlank()) {
			throw ErrorCode.INVALID_PARAMETERS.exception("The user (senderUserId / userId) is required.");
		}
		return userId;
	}

	record MessageRequest(String senderUserId, String text) {
	}

	record EndRequest(String userId) {
	}

}
