package org.byoc.interaction.conversation.history;

import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonRequestBody;

/**
 * {@code POST /api/v1/conversationHistory} (contract §B8): 202 with the conversation and session the transcript was
 * imported into; {@code AuthorizationContextType} is required. Errors are the flat body.
 */
@RestController
class ConversationHistoryController {

	private final ConversationHistories histories;

	ConversationHistoryController(ConversationHistories histories) {
		this.histories = histories;
	}

	@PostMapping("/api/v1/conversationHistory")
	@ResponseStatus(HttpStatus.ACCEPTED)
	ConversationHistories.Imported importHistory(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		if (!caller.requireAuthorizationContextType().namesChannel()) {
			throw ErrorCode.AUTHORIZATION_CONTEXT_TYPE_INVALID.exception("A conversation history is imported by a "
					+ "channel: send AuthorizationContextType ConversationChannelDefinition with the channel's name.");
		}
		ConversationHistories.HistoryOrg org = this.histories.historyOrg(caller.orgId());
		ImportHistory request = ImportHistory.read(
				JsonRequestBody.parse(body, ErrorCode.CONVERSATION_HISTORY_PARAMETER_INVALID), Instant.now(), org);
		return this.histories.importHistory(caller.orgId(), caller.authorizationContext(), request);
	}

}
