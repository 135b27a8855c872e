package org.byoc.interaction.agent.console;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.byoc.interaction.attachment.AttachmentContent;
import org.byoc.interaction.attachment.Attachments;
import org.byoc.interaction.attachment.StoredAttachment;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.web.ConsolePage;

/**
 * The agent's desk in the console, read side: the org's conversations, one conversation's transcript, state and
 * outbound events, the agent's work. Each page part can be fetched on its own; the page reloads a part when
 * {@link ConsoleUpdates} says it changed. The actions are in {@link ConsoleActionsController}.
 */
@ConsolePage
@RequestMapping(ConsolePage.PATH)
class ConsoleController extends ConsolePageController {

	private final SetupDirectory setup;

	private final Attachments attachments;

	private final DeskModels models;

	ConsoleController(SetupDirectory setup, Attachments attachments, DeskModels models) {
		this.setup = setup;
		this.attachments = attachments;
		this.models = models;
	}

	/** Choose an org and the agent (a user of that org) to act as. */
	@GetMapping({ "", "/" })
	String home(Model model) {
		model.addAttribute("orgs", this.setup.orgs());
		return "console/home";
	}

	@GetMapping("/orgs/{orgId}/agents/{userId}/")
	String desk(@PathVariable String orgId, @PathVariable String userId,
			@RequestParam(defaultValue = "1") int page, Model model) {
		this.models.page(model, this.models.desk(orgId, userId), page, null);
		return "console/desk";
	}

	@GetMapping("/orgs/{orgId}/agents/{userId}/conversations/{conversationIdentifier}")
	String conversation(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, @RequestParam(defaultValue = "1") int page, Model model) {
		DeskModels.Desk desk = this.models.desk(orgId, userId);
		this.models.page(model, desk, page, this.models.conversation(orgId, conversationIdentifier));
		return "console/desk";
	}

	@GetMapping("/orgs/{orgId}/agents/{userId}/list")
	String list(@PathVariable String orgId, @PathVariable String userId, @RequestParam(defaultValue = "1") int page,
			@RequestParam(required = false) String selected, Model model) {
		this.models.list(model, this.models.desk(orgId, userId), page,
				(selected == null || selected.isBlank()) ? null : selected);
		return "console/fragments :: list";
	}

	@GetMapping("/orgs/{orgId}/agents/{userId}/work")
	String work(@PathVariable String orgId, @PathVariable String userId,
			@RequestParam(required = false) String selected, Model model) {
		DeskModels.Desk desk = this.models.desk(orgId, userId);
		Conversation conversation = (selected == null || selected.isBlank()) ? null
				: this.models.conversation(orgId, selected);
		this.models.work(model, desk, conversation);
		return "console/fragments :: work";
	}

	@GetMapping("/orgs/{orgId}/agents/{userId}/conversations/{conversationIdentifier}/state")
	String state(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, Model model) {
		model.addAttribute("desk", this.models.desk(orgId, userId));
		this.models.state(model, this.models.conversation(orgId, conversationIdentifier));
		return "console/fragments :: state";
	}

	@GetMapping("/orgs/{orgId}/agents/{userId}/conversations/{conversationIdentifier}/transcript")
	String transcript(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, Model model) {
		model.addAttribute("desk", this.models.desk(orgId, userId));
		this.models.transcript(model, this.models.conversation(orgId, conversationIdentifier));
		return "console/fragments :: transcript";
	}

	@GetMapping("/orgs/{orgId}/agents/{userId}/conversations/{conversationIdentifier}/events")
	String outboundEvents(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, Model model) {
		model.addAttribute("desk", this.models.desk(orgId, userId));
		this.models.events(model, this.models.conversation(orgId, conversationIdentifier));
		return "console/fragments :: events";
	}

	/** A file of a conversation: shown inline when it is an image (the preview), downloaded otherwise. */
	@GetMapping("/attachments/{attachmentId}")
	ResponseEntity<InputStreamResource> attachment(@PathVariable String attachmentId,
			@RequestParam(defaultValue = "false") boolean download) {
		Optional<AttachmentContent> content = uuid(attachmentId).flatMap(this.attachments::open);
		if (content.isEmpty()) {
			throw ErrorCode.ENDPOINT_NOT_FOUND.exception("No attachment " + attachmentId + ".");
		}
		StoredAttachment attachment = content.get().attachment();
		boolean inline = !download && attachment.mimeType().startsWith("image/");
		ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
			.filename(attachment.fileName(), StandardCharsets.UTF_8)
			.build();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(attachment.mimeType()))
			.contentLength(attachment.size())
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
			.header("X-Content-Type-Options", "nosniff")
			// an uploaded file is never a page of the console: no scripts, no same-origin rights
			.header("Content-Security-Policy", "sandbox")
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.body(new InputStreamResource(content.get().stream()));
	}

	private static Optional<UUID> uuid(String id) {
		try {
			return Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
