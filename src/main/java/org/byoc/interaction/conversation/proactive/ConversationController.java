package org.byoc.interaction.conversation.proactive;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.JsonRequestBody;
import org.byoc.interaction.conversation.proactive.ProactiveConversations.EstablishConversation;

/** {@code POST /api/v1/conversation} (contract §B7): 202 with the conversation's ids; errors are the flat body. */
@RestController
class ConversationController {

	private final ProactiveConversations conversations;

	ConversationController(ProactiveConversations conversations) {
		this.conversations = conversations;
	}

	@PostMapping("/api/v1/conversation")
	@ResponseStatus(HttpStatus.ACCEPTED)
	ProactiveConversations.Established establish(ApiCaller caller, @RequestBody(required = false) byte[] body) {
		return this.conversations.establish(caller.orgId(), caller.authorizationContext(),
				EstablishConversation.read(JsonRequestBody.parse(body)));
	}

}
