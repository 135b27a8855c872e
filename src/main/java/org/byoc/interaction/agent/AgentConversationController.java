package org.byoc.interaction.agent;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

import org.byoc.interaction.conversation.BotConversations;
import org.byoc.interaction.web.AdminEndpoint;
import org.byoc.interaction.web.ErrorCode;

/**
 * The agent's hands on the management port (admin token): reply, type, join and leave. External bots join and
 * leave here too, until PATCH /api/v1/agentWork accepts and closes their work. Each call produces the
 * outbound event a partner's middleware receives for it.
 */
@AdminEndpoint
@RequestMapping("/admin/api/conversations/{conversationIdentifier}")
class AgentConversationController {

	private final AgentActions actions;

	private final BotConversations bots;

	AgentConversationController(AgentActions actions, BotConversations bots) {
		this.actions = actions;
		this.bots = bots;
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

	/**
	 * An agent ({@code userId}) or an external bot ({@code botId}) joins ({@code add}) or leaves ({@code remove}).
	 * A bot answers what changed: a second join while it takes part changes nothing.
	 */
	@PostMapping("/participants")
	@ResponseStatus(HttpStatus.CREATED)
	Object participant(@PathVariable String conversationIdentifier, @RequestBody ParticipantRequest request) {
		String operation = required(request.operation(), "operation");
		if (request.botId() != null && request.userId() == null) {
			return switch (operation) {
				case "add" -> this.bots.join(conversationIdentifier, required(request.botId(), "botId"));
				case "remove" -> this.bots.leave(conversationIdentifier, required(request.botId(), "botId"));
				default -> throw ErrorCode.PARTICIPANT_OPERATION_INVALID.exception("operation must be add or remove.");
			};
		}
		return this.actions.changeParticipant(conversationIdentifier, required(request.userId(), "userId"),
				operation);
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

	record ParticipantRequest(String userId, String botId, String operation) {
	}

}
