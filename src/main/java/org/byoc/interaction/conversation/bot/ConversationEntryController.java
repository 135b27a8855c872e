package org.byoc.interaction.conversation.bot;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.contract.ApiCaller;

/**
 * Bring-your-own-bot's {@code /api/v1/conversationEntry} (contract §B12, §B13): POST sends one entry to the end user
 * (202 {@code {"success": true}}); GET reads the conversation's entries, its parameters in a JSON body (as the vendor
 * documents) or as query parameters (200). Both need {@code AuthorizationContextType: ExternalConversationParticipant}.
 */
@RestController
class ConversationEntryController {

	private final BotConversations bots;

	ConversationEntryController(BotConversations bots) {
		this.bots = bots;
	}

	@PostMapping("/api/v1/conversationEntry")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Object> send(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		this.bots.send(caller, body);
		return Map.of("success", true);
	}

	@GetMapping("/api/v1/conversationEntry")
	Map<String, Object> entries(ApiCaller caller, @RequestBody(required = false) byte[] body,
			@RequestParam Map<String, String> query) {
		return this.bots.entries(caller, body, query);
	}

}
