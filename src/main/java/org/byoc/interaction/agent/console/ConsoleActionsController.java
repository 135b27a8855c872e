package org.byoc.interaction.agent.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

import org.byoc.interaction.agent.AgentActions;
import org.byoc.interaction.agent.AgentAttachments;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.routing.Routings;
import org.byoc.interaction.routing.presence.Presences;
import org.byoc.interaction.routing.session.Sessions;
import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.routing.work.AgentWorks;
import org.byoc.interaction.web.ConsolePage;

/**
 * What the agent does from the console. Each action calls the service the admin API calls for it
 * ({@link AgentActions}, {@link AgentAttachments}, {@link AgentWorks}, {@link Routings}, {@link Sessions},
 * {@link Presences}), so the partner receives exactly the events it would for the admin API call. htmx requests get
 * the changed page part back; plain form posts are redirected to the page.
 */
@ConsolePage
@RequestMapping(ConsolePage.PATH + "/orgs/{orgId}/agents/{userId}")
class ConsoleActionsController extends ConsolePageController {

	private final AgentActions actions;

	private final AgentAttachments attachments;

	private final AgentWorks agentWorks;

	private final Routings routings;

	private final Sessions sessions;

	private final DeskModels models;

	private final Presences presences;

	ConsoleActionsController(AgentActions actions, AgentAttachments attachments, AgentWorks agentWorks,
			Routings routings, Sessions sessions, DeskModels models, Presences presences) {
		this.actions = actions;
		this.attachments = attachments;
		this.agentWorks = agentWorks;
		this.routings = routings;
		this.sessions = sessions;
		this.models = models;
		this.presences = presences;
	}

	/**
	 * The reply: text, a file with optional text, or both. A file is uploaded first, as through the admin API's
	 * upload, and the message then names it. {@code typing=true} means the page had announced typing; it is
	 * stopped before the message goes out, as a person's client does.
	 */
	@PostMapping("/conversations/{conversationIdentifier}/messages")
	String reply(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, @RequestParam(defaultValue = "") String text,
			@RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "false") boolean typing,
			HttpServletRequest request, Model model) throws IOException {
		DeskModels.Desk desk = this.models.desk(orgId, userId);
		Conversation conversation = this.models.conversation(orgId, conversationIdentifier);
		if (typing) {
			this.actions.typing(conversation.conversationIdentifier(), desk.agent().id(), false);
		}
		List<String> files = List.of();
		if (file != null && !file.isEmpty()) {
			try (InputStream content = file.getInputStream()) {
				files = List.of(this.attachments
					.upload(conversation.conversationIdentifier(), file.getOriginalFilename(), file.getSize(), content)
					.attachment()
					.id()
					.toString());
			}
		}
		this.actions.sendMessage(conversation.conversationIdentifier(), desk.agent().id(), text.isBlank() ? null : text,
				files, null);
		return transcript(request, model, desk, conversation);
	}

	@PostMapping("/conversations/{conversationIdentifier}/typing")
	@ResponseBody
	ResponseEntity<Void> typing(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, @RequestParam boolean typing) {
		DeskModels.Desk desk = this.models.desk(orgId, userId);
		this.actions.typing(this.models.conversation(orgId, conversationIdentifier).conversationIdentifier(),
				desk.agent().id(), typing);
		return ResponseEntity.noContent().build();
	}

	/** The agent joins ({@code add}) or leaves ({@code remove}) the conversation by hand. */
	@PostMapping("/conversations/{conversationIdentifier}/participants")
	String participant(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, @RequestParam String operation, HttpServletRequest request,
			Model model) {
		DeskModels.Desk desk = this.models.desk(orgId, userId);
		Conversation conversation = this.models.conversation(orgId, conversationIdentifier);
		this.actions.changeParticipant(conversation.conversationIdentifier(), desk.agent().id(), operation);
		return transcript(request, model, desk, conversation);
	}

	@PostMapping("/work/{agentWorkId}/accept")
	String accept(@PathVariable String orgId, @PathVariable String userId, @PathVariable String agentWorkId,
			@RequestParam(required = false) String selected, HttpServletRequest request, Model model) {
		AgentWork work = this.agentWorks.accept(orgId, userId, agentWorkId);
		return work(request, model, orgId, userId, selected, work.conversationIdentifier());
	}

	@PostMapping("/work/{agentWorkId}/decline")
	String decline(@PathVariable String orgId, @PathVariable String userId, @PathVariable String agentWorkId,
			@RequestParam(required = false) String selected, HttpServletRequest request, Model model) {
		this.agentWorks.decline(orgId, userId, agentWorkId);
		return work(request, model, orgId, userId, selected, null);
	}

	@PostMapping("/work/{agentWorkId}/close")
	String close(@PathVariable String orgId, @PathVariable String userId, @PathVariable String agentWorkId,
			@RequestParam(required = false) String selected, HttpServletRequest request, Model model) {
		AgentWork work = this.agentWorks.close(orgId, userId, agentWorkId);
		return work(request, model, orgId, userId, selected, work.conversationIdentifier());
	}

	/**
	 * The agent's presence, chosen in the status selector: a presence status of the org, or Offline (an empty
	 * value). Going Online for a channel lets the router offer waiting work at once.
	 */
	@PostMapping("/presence")
	String presence(@PathVariable String orgId, @PathVariable String userId,
			@RequestParam(defaultValue = "") String statusId, @RequestParam(required = false) String selected,
			HttpServletRequest request, Model model) {
		this.presences.change(orgId, userId, statusId.isBlank() ? null : statusId);
		return work(request, model, orgId, userId, selected, blankToNull(selected));
	}

	/** The agent takes a routing that waits on a Salesforce-routed channel (what Omni-Channel would push). */
	@PostMapping("/routings/{psrId}/pick-up")
	String pickUp(@PathVariable String orgId, @PathVariable String userId, @PathVariable String psrId,
			@RequestParam(required = false) String selected, HttpServletRequest request, Model model) {
		AgentWork work = this.agentWorks.pickUp(orgId, userId, psrId);
		return work(request, model, orgId, userId, selected, work.conversationIdentifier());
	}

	/**
	 * Transfers the conversation to one target, chosen as {@code queue:<id>}, {@code flow:<id>} (with
	 * {@code fallbackQueueId}) or {@code user:<id>}.
	 */
	@PostMapping("/conversations/{conversationIdentifier}/transfer")
	String transfer(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, @RequestParam(defaultValue = "") String target,
			@RequestParam(required = false) String fallbackQueueId, HttpServletRequest request, Model model) {
		int colon = target.indexOf(':');
		String kind = (colon > 0) ? target.substring(0, colon) : "";
		String id = (colon > 0) ? target.substring(colon + 1) : "";
		Routings.TransferTarget to = switch (kind) {
			case "queue" -> new Routings.TransferTarget(id, null, null);
			case "flow" -> new Routings.TransferTarget(blankToNull(fallbackQueueId), id, null);
			case "user" -> new Routings.TransferTarget(null, null, id);
			default -> throw ErrorCode.INVALID_ROUTING_CONFIG_ERROR
				.exception("Choose where to transfer the conversation: a queue, a flow or an agent.");
		};
		this.routings.transfer(orgId, userId, conversationIdentifier, to);
		return work(request, model, orgId, userId, conversationIdentifier, conversationIdentifier);
	}

	/** The agent ends the conversation's messaging session. */
	@PostMapping("/conversations/{conversationIdentifier}/end")
	String end(@PathVariable String orgId, @PathVariable String userId, @PathVariable String conversationIdentifier,
			HttpServletRequest request, Model model) {
		this.sessions.endByAgent(orgId, userId, conversationIdentifier);
		return work(request, model, orgId, userId, conversationIdentifier, conversationIdentifier);
	}

	/** htmx swaps the fresh transcript in; a plain form post is redirected back to the conversation. */
	private String transcript(HttpServletRequest request, Model model, DeskModels.Desk desk,
			Conversation conversation) {
		if (isHtmx(request)) {
			model.addAttribute("desk", desk);
			this.models.transcript(model, conversation);
			return "console/fragments :: transcript";
		}
		return "redirect:" + desk.base() + "conversations/" + conversation.conversationIdentifier();
	}

	/** htmx swaps the fresh work panel in; a plain form post goes to the conversation the action was about. */
	private String work(HttpServletRequest request, Model model, String orgId, String userId, String selected,
			String about) {
		DeskModels.Desk desk = this.models.desk(orgId, userId);
		if (isHtmx(request)) {
			Conversation conversation = (selected == null || selected.isBlank()) ? null
					: this.models.conversation(orgId, selected);
			this.models.work(model, desk, conversation);
			return "console/fragments :: work";
		}
		return "redirect:" + desk.base() + ((about != null) ? "conversations/" + about : "");
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
