package org.byoc.interaction.agent;

import java.util.List;

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
	ConsultView get(@PathVariable String consultConversationIdentifier) {
		return ConsultView.of(this.consults.view(consultConversationIdentifier));
	}

	@PostMapping("/messages")
	ConsultView write(@PathVariable String consultConversationIdentifier,
			@RequestBody MessageRequest request) {
		return ConsultView.of(this.consults.write(consultConversationIdentifier, required(request.senderUserId()),
				request.text()));
	}

	@PostMapping("/end")
	ConsultView end(@PathVariable String consultConversationIdentifier, @RequestBody EndRequest request) {
		return ConsultView.of(this.consults.end(consultConversationIdentifier, required(request.userId())));
	}

	private static String required(String userId) {
		if (userId == null || userId.isBlank()) {
			throw ErrorCode.INVALID_PARAMETERS.exception("The user (senderUserId / userId) is required.");
		}
		return userId;
	}

	/** A consult as the admin API shows it: who asked whom, its state and its messages. */
	record ConsultView(String consultConversationIdentifier, String conversationIdentifier, String identifier,
			String requestedBy, String consultedUserId, String status, long createdAt, Long endedAt,
			List<Consults.Message> messages) {

		static ConsultView of(Consults.View view) {
			Consults.Consult consult = view.consult();
			return new ConsultView(consult.id(), consult.conversationIdentifier(), consult.infoEntryId(),
					consult.requestedBy(), consult.consultedUserId(), consult.status().name(),
					consult.createdAt().toEpochMilli(),
					(consult.endedAt() != null) ? consult.endedAt().toEpochMilli() : null, view.messages());
		}

	}

	record MessageRequest(String senderUserId, String text) {
	}

	record EndRequest(String userId) {
	}

}
