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
import org.byoc.interaction.contract.JsonRequestBody;
import org.byoc.interaction.contract.Success;
import org.byoc.interaction.conversation.bot.BotEntries.EntriesPage;
import org.byoc.interaction.conversation.bot.BotRequests.EntryQuery;
import org.byoc.interaction.conversation.bot.BotRequests.SendEntry;

/**
 * Bring-your-own-bot's {@code /api/v1/conversationEntry} (contract §B12, §B13): POST sends one entry to the end user
 * (202 {@code {"success": true}}); GET reads the conversation's entries, its parameters in a JSON body (as the vendor
 * documents) or as query parameters (200). Both need {@code AuthorizationContextType: ExternalConversationParticipant}.
 */
@RestController
class ConversationEntryController {

	private final BotEntries entries;

	ConversationEntryController(BotEntries entries) {
		this.entries = entries;
	}

	@PostMapping("/api/v1/conversationEntry")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Success send(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		BotCaller bot = botCaller(caller);
		this.entries.send(bot, SendEntry.read(JsonRequestBody.parse(body)));
		return Success.TRUE;
	}

	@GetMapping("/api/v1/conversationEntry")
	EntriesPage entries(ApiCaller caller, @RequestBody(required = false) byte[] body,
			@RequestParam Map<String, String> query) {
		BotCaller bot = botCaller(caller);
		return this.entries.entries(bot, EntryQuery.read(JsonRequestBody.parseIfPresent(body), query));
	}

	static BotCaller botCaller(ApiCaller caller) {
		return new BotCaller(caller.orgId(), caller.orgKey(), caller.requireBotIntegration());
	}

}
