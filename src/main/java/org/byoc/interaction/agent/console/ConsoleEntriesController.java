package org.byoc.interaction.agent.console;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import org.byoc.interaction.agent.AgentActions;
import org.byoc.interaction.agent.AgentConsents;
import org.byoc.interaction.agent.AgentNotes;
import org.byoc.interaction.agent.AgentReceipts;
import org.byoc.interaction.agent.Consults;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.web.ConsolePage;

/**
 * The console's share of the agent side's entries: reading (the transcript shown reads the end user's messages),
 * the end user's consent, private notes, the flag, progress indicators and consults. Each calls the service the
 * admin API calls for it, so the partner receives exactly the events it would for the admin API call.
 */
@ConsolePage
@RequestMapping(ConsolePage.PATH + "/orgs/{orgId}/agents/{userId}")
class ConsoleEntriesController extends ConsolePageController {

	private final AgentReceipts receipts;

	private final AgentConsents consents;

	private final AgentNotes notes;

	private final AgentActions actions;

	private final Consults consults;

	private final DeskModels models;

	ConsoleEntriesController(AgentReceipts receipts, AgentConsents consents, AgentNotes notes, AgentActions actions,
			Consults consults, DeskModels models) {
		this.receipts = receipts;
		this.consents = consents;
		this.notes = notes;
		this.actions = actions;
		this.consults = consults;
		this.models = models;
	}

	/** The page showed the transcript up to this entry: the agent read it. */
	@PostMapping("/conversations/{conversationIdentifier}/read")
	@ResponseBody
	ResponseEntity<Void> read(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, @RequestParam(required = false) String upToEntryIdentifier) {
		DeskModels.Desk desk = this.models.desk(orgId, userId);
		Conversation conversation = this.models.conversation(orgId, conversationIdentifier);
		this.receipts.read(conversation.conversationIdentifier(), desk.agent().id(),
				(upToEntryIdentifier == null || upToEntryIdentifier.isBlank()) ? null : upToEntryIdentifier);
		return ResponseEntity.noContent().build();
	}

	/** The agent opts the end user out ({@code OptOut}) or back in ({@code OptIn}). */
	@PostMapping("/conversations/{conversationIdentifier}/consent")
	String consent(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, @RequestParam(defaultValue = "") String consentStatus,
			HttpServletRequest request, Model model) {
		DeskModels.Desk desk = this.models.desk(orgId, userId);
		Conversation conversation = this.models.conversation(orgId, conversationIdentifier);
		this.consents.change(conversation.conversationIdentifier(), desk.agent().id(), consentStatus);
		return state(request, model, desk, conversation);
	}

	@PostMapping("/conversations/{conversationIdentifier}/notes")
	String note(@PathVariable String orgId, @PathVariable String userId, @PathVariable String conversationIdentifier,
			@RequestParam(defaultValue = "") String text, HttpServletRequest request, Model model) {
		DeskModels.Desk desk = this.models.desk(orgId, userId);
		Conversation conversation = this.models.conversation(orgId, conversationIdentifier);
		this.notes.note(conversation.conversationIdentifier(), desk.agent().id(), text, null);
		if (isHtmx(request)) {
			model.addAttribute("desk", desk);
			this.models.transcript(model, conversation);
			return "console/fragments :: transcript";
		}
		return redirect(desk, conversation);
	}

	/** {@code operation} raise (with an optional text for the supervisor) or lower. */
	@PostMapping("/conversations/{conversationIdentifier}/flag")
	String flag(@PathVariable String orgId, @PathVariable String userId, @PathVariable String conversationIdentifier,
			@RequestParam(defaultValue = "") String operation, @RequestParam(defaultValue = "") String text,
			HttpServletRequest request, Model model) {
		DeskModels.Desk desk = this.models.desk(orgId, userId);
		Conversation conversation = this.models.conversation(orgId, conversationIdentifier);
		switch (operation) {
			case "raise" -> this.notes.raiseFlag(conversation.conversationIdentifier(), desk.agent().id(),
					text.isBlank() ? null : text, null);
			case "lower" -> this.notes.lowerFlag(conversation.conversationIdentifier(), desk.agent().id(), null);
			default -> throw ErrorCode.INVALID_PARAMETERS.exception("Choose to raise or to lower the flag.");
		}
		return state(request, model, desk, conversation);
	}

	@PostMapping("/conversations/{conversationIdentifier}/progress")
	String progress(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, @RequestParam(defaultValue = "") String text,
			HttpServletRequest request, Model model) {
		DeskModels.Desk desk = this.models.desk(orgId, userId);
		Conversation conversation = this.models.conversation(orgId, conversationIdentifier);
		this.actions.progress(conversation.conversationIdentifier(), desk.agent().id(), text);
		return state(request, model, desk, conversation);
	}

	@GetMapping("/conversations/{conversationIdentifier}/consults")
	String consults(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, Model model) {
		this.models.consults(model, this.models.desk(orgId, userId), this.models.conversation(orgId,
				conversationIdentifier));
		return "console/fragments :: consults";
	}

	/** The agent consults another agent about the conversation, with an optional first message. */
	@PostMapping("/conversations/{conversationIdentifier}/consult")
	String consult(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, @RequestParam(defaultValue = "") String consultedUserId,
			@RequestParam(defaultValue = "") String text, HttpServletRequest request, Model model) {
		DeskModels.Desk desk = this.models.desk(orgId, userId);
		Conversation conversation = this.models.conversation(orgId, conversationIdentifier);
		this.consults.open(conversation.conversationIdentifier(), desk.agent().id(),
				consultedUserId.isBlank() ? null : consultedUserId, text.isBlank() ? null : text, null);
		return consults(request, model, desk, conversation);
	}

	@PostMapping("/conversations/{conversationIdentifier}/consults/{consultId}/messages")
	String writeInConsult(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, @PathVariable String consultId,
			@RequestParam(defaultValue = "") String text, HttpServletRequest request, Model model) {
		DeskModels.Desk desk = this.models.desk(orgId, userId);
		Conversation conversation = this.models.conversation(orgId, conversationIdentifier);
		this.consults.write(ownConsult(consultId, conversation), desk.agent().id(), text);
		return consults(request, model, desk, conversation);
	}

	@PostMapping("/conversations/{conversationIdentifier}/consults/{consultId}/end")
	String endConsult(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, @PathVariable String consultId, HttpServletRequest request,
			Model model) {
		DeskModels.Desk desk = this.models.desk(orgId, userId);
		Conversation conversation = this.models.conversation(orgId, conversationIdentifier);
		this.consults.end(ownConsult(consultId, conversation), desk.agent().id());
		return consults(request, model, desk, conversation);
	}

	/** A consult of this conversation (the desk's org), so a page never reaches another org's consult. */
	private String ownConsult(String consultId, Conversation conversation) {
		Consults.View view = this.consults.view(consultId);
		if (!view.consult().conversationIdentifier().equals(conversation.conversationIdentifier())) {
			throw ErrorCode.INVALID_PARAMETERS.exception("No consult " + consultId + " in this conversation.");
		}
		return view.consult().id();
	}

	private String state(HttpServletRequest request, Model model, DeskModels.Desk desk, Conversation conversation) {
		if (isHtmx(request)) {
			model.addAttribute("desk", desk);
			this.models.state(model, this.models.conversation(desk.org().id(), conversation.conversationIdentifier()));
			return "console/fragments :: state";
		}
		return redirect(desk, conversation);
	}

	private String consults(HttpServletRequest request, Model model, DeskModels.Desk desk,
			Conversation conversation) {
		if (isHtmx(request)) {
			this.models.consults(model, desk, conversation);
			return "console/fragments :: consults";
		}
		return redirect(desk, conversation);
	}

	private static String redirect(DeskModels.Desk desk, Conversation conversation) {
		return "redirect:" + desk.base() + "conversations/" + conversation.conversationIdentifier();
	}

}
