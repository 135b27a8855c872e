package org.byoc.interaction.agent;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.bot.BotConversations;
import org.byoc.interaction.web.AdminEndpoint;

/**
 * The agent's hands on the management port (admin token): reply, type, show progress, join and leave, read, opt the
 * end user out or in, write private notes, raise and lower the flag, consult another agent. External bots join and
 * leave here too, until PATCH /api/v1/agentWork accepts and closes their work. Each call produces the outbound event
 * a partner's middleware receives for it.
 */
@AdminEndpoint
@RequestMapping("/admin/api/conversations/{conversationIdentifier}")
class AgentConversationController {

	private final AgentActions actions;

	private final BotConversations bots;

	private final AgentReceipts receipts;

	private final AgentConsents consents;

	private final AgentNotes notes;

	private final Consults consults;

	AgentConversationController(AgentActions actions, BotConversations bots, AgentReceipts receipts,
			AgentConsents consents, AgentNotes notes, Consults consults) {
		this.actions = actions;
		this.bots = bots;
		this.receipts = receipts;
		this.consents = consents;
		this.notes = notes;
		this.consults = consults;
	}

	@PostMapping("/messages")
	@ResponseStatus(HttpStatus.CREATED)
	AgentActions.Sent message(@PathVariable String conversationIdentifier, @RequestBody MessageRequest request) {
		return this.actions.sendMessage(conversationIdentifier, required(request.senderUserId(), "senderUserId"),
				request.text(), request.attachmentIds(), request.id());
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

	/** The agent read the end user's messages up to an entry (all of them without {@code upToEntryIdentifier}). */
	@PostMapping("/read")
	AgentReceipts.Read read(@PathVariable String conversationIdentifier, @RequestBody ReadRequest request) {
		return this.receipts.read(conversationIdentifier, required(request.userId(), "userId"),
				blankToNull(request.upToEntryIdentifier(), "upToEntryIdentifier"));
	}

	/** The agent opts the end user out of messages ({@code OptOut}) or back in ({@code OptIn}). */
	@PostMapping("/consent")
	AgentConsents.Changed consent(@PathVariable String conversationIdentifier,
			@RequestBody ConsentRequest request) {
		return this.consents.change(conversationIdentifier, required(request.userId(), "userId"),
				request.consentStatus());
	}

	/** A progress indicator from an agent ({@code senderUserId}) or a bot taking part ({@code botId}). */
	@PostMapping("/progress")
	@ResponseStatus(HttpStatus.CREATED)
	AgentActions.Sent progress(@PathVariable String conversationIdentifier, @RequestBody TextRequest request) {
		if (request.botId() != null && request.senderUserId() == null) {
			return this.actions.progressByBot(conversationIdentifier, required(request.botId(), "botId"),
					request.text());
		}
		return this.actions.progress(conversationIdentifier, required(request.senderUserId(), "senderUserId"),
				request.text());
	}

	@PostMapping("/notes")
	@ResponseStatus(HttpStatus.CREATED)
	AgentActions.Sent note(@PathVariable String conversationIdentifier, @RequestBody TextRequest request) {
		return this.notes.note(conversationIdentifier, required(request.senderUserId(), "senderUserId"),
				request.text(), request.id());
	}

	/** {@code operation} raise (with an optional {@code text} for the supervisor) or lower. */
	@PostMapping("/flag")
	@ResponseStatus(HttpStatus.CREATED)
	AgentActions.Sent flag(@PathVariable String conversationIdentifier, @RequestBody FlagRequest request) {
		String userId = required(request.senderUserId(), "senderUserId");
		return switch (required(request.operation(), "operation")) {
			case "raise" -> this.notes.raiseFlag(conversationIdentifier, userId, request.text(), request.id());
			case "lower" -> {
				if (request.text() != null) {
					throw ErrorCode.INVALID_PARAMETERS.exception("Lowering the flag takes no text.");
				}
				yield this.notes.lowerFlag(conversationIdentifier, userId, request.id());
			}
			default -> throw ErrorCode.INVALID_PARAMETERS.exception("operation must be raise or lower.");
		};
	}

	/** The agent opens a consult with {@code consultedUserId}; the answer names the consult conversation. */
	@PostMapping("/consult")
	@ResponseStatus(HttpStatus.CREATED)
	OpenedConsult consult(@PathVariable String conversationIdentifier, @RequestBody ConsultRequest request) {
		Consults.Opened opened = this.consults.open(conversationIdentifier,
				required(request.senderUserId(), "senderUserId"), request.consultedUserId(), request.text(),
				request.id());
		return new OpenedConsult(ConsultController.ConsultView.of(this.consults.view(opened.consult().id())),
				opened.eventId());
	}

	/** The consult as {@code GET} shows it, and the event that told the consulted agent. */
	record OpenedConsult(@JsonUnwrapped ConsultController.ConsultView consult, String eventId) {
	}

	private static String blankToNull(String value, String name) {
		if (value != null && value.isBlank()) {
			throw ErrorCode.INVALID_PARAMETERS.exception(name + " must not be blank.");
		}
		return value;
	}

	private static String required(String value, String name) {
		if (value == null || value.isBlank()) {
			throw ErrorCode.INVALID_PARAMETERS.exception(name + " is required.");
		}
		return value;
	}

	record MessageRequest(String senderUserId, String text, List<String> attachmentIds, String id) {
	}

	record TypingRequest(String senderUserId, Boolean typing) {
	}

	record ParticipantRequest(String userId, String botId, String operation) {
	}

	record ReadRequest(String userId, String upToEntryIdentifier) {
	}

	record ConsentRequest(String userId, String consentStatus) {
	}

	/** A text entry; {@code id} is the entry id the caller chose (optional; a retry with it changes nothing). */
	record TextRequest(String senderUserId, String botId, String text, String id) {
	}

	record FlagRequest(String senderUserId, String operation, String text, String id) {
	}

	record ConsultRequest(String senderUserId, String consultedUserId, String text, String id) {
	}

}
