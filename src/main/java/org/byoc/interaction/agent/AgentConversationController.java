package org.byoc.interaction.agent;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

import org.byoc.interaction.web.AdminEndpoint;
import org.byoc.interaction.web.ErrorCode;

/**
 * The agent's hands on the management port (admin token): reply, type, join and leave. Each call produces the
 * outbound event a partner's middleware receives for it.
 */
@AdminEndpoint
@RequestMapping("/admin/api/conversations/{conversationIdentifier}")
class AgentConversationController {

	private final AgentActions actions;

	AgentConversationController(AgentActions actions) {
		this.actions = actions;
	}

	@PostMapping("/messages")
	@ResponseStatus(HttpStatus.CREATED)
	AgentActions.Sent message(@PathVariable String conversationIdentifier, @RequestBody MessageRequest request) {
		return this.actions.sendMessage(conversationIdentifier, required(request.senderUserId(), "senderUserId"),
				request.text(), request.attachmentIds());
	}

	@PostMapping("/typing")
	@ResponseStatus(HttpStatus.CREATED)
	AgentActions.Sent typing(@PathVariable String conversationIdentifier, @RequestBody TypingRequest request) {
		if (request.typing() == null) {
			throw ErrorCode.INVALID_PARAMETERS.exception("typing (true or false) is required.");
		}
		return this.actions.typing(conversationIdentifier, required(request.senderUserId(), "senderUserId"),
				request.typing());
	}

	@PostMapping("/participants")
	@ResponseStatus(HttpStatus.CREATED)
	AgentActions.Sent participant(@PathVariable String conversationIdentifier,
			@RequestBody ParticipantRequest request) {
		return this.actions.changeParticipant(conversationIdentifier, required(request.userId(), "userId"),
				required(request.operation(), "operation"));
	}

	private static String required(String value, String name) {
		if (value == null || value.isBlank()) {
			throw ErrorCode.INVALID_PARAMETERS.exception(name + " is required.");
		}
		return value;
	}

	record MessageRequest(String senderUserId, String text, List<String> attachmentIds) {
	}

	record TypingRequest(String senderUserId, Boolean typing) {
	}

	record ParticipantRequest(String userId, String operation) {
	}

}
