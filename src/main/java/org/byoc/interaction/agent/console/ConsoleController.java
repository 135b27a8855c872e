package org.byoc.interaction.agent.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.agent.AgentActions;
import org.byoc.interaction.agent.AgentAttachments;
import org.byoc.interaction.attachment.AttachmentContent;
import org.byoc.interaction.attachment.Attachments;
import org.byoc.interaction.attachment.StoredAttachment;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.ConversationSummary;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.web.ConsolePage;
import org.byoc.interaction.web.ErrorCode;
import org.byoc.interaction.web.InteractionApiException;

/**
 * The agent's desk in the console: the org's conversations, one conversation's transcript, state and outbound
 * events, and the agent's actions in it. Every action calls the same service the admin API calls
 * ({@link AgentActions}, {@link AgentAttachments}); the page parts reload themselves when
 * {@link ConsoleUpdates} says they changed.
 */
@ConsolePage
@RequestMapping(ConsolePage.PATH)
class ConsoleController {

	static final int PAGE_SIZE = 25;

	private final SetupDirectory setup;

	private final Conversations conversations;

	private final Attachments attachments;

	private final AgentActions actions;

	private final AgentAttachments agentAttachments;

	private final OutboundEventFeed events;

	private final ConsoleViews views;

	ConsoleController(SetupDirectory setup, Conversations conversations, Attachments attachments,
			AgentActions actions, AgentAttachments agentAttachments, OutboundEventFeed events, JsonMapper json) {
		this.setup = setup;
		this.conversations = conversations;
		this.attachments = attachments;
		this.actions = actions;
		this.agentAttachments = agentAttachments;
		this.events = events;
		this.views = new ConsoleViews(json);
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
		deskModel(model, orgId, userId, page, null);
		return "console/desk";
	}

	@GetMapping("/orgs/{orgId}/agents/{userId}/conversations/{conversationIdentifier}")
	String conversation(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, @RequestParam(defaultValue = "1") int page, Model model) {
		Conversation conversation = conversation(orgId, conversationIdentifier);
		deskModel(model, orgId, userId, page, conversation);
		conversationModel(model, conversation);
		return "console/desk";
	}

	@GetMapping("/orgs/{orgId}/agents/{userId}/list")
	String list(@PathVariable String orgId, @PathVariable String userId, @RequestParam(defaultValue = "1") int page,
			@RequestParam(required = false) String selected, Model model) {
		Desk desk = desk(orgId, userId);
		model.addAttribute("desk", desk);
		model.addAttribute("selected", (selected == null || selected.isBlank()) ? null : selected);
		listModel(model, desk, page);
		return "console/fragments :: list";
	}

	@GetMapping("/orgs/{orgId}/agents/{userId}/conversations/{conversationIdentifier}/state")
	String state(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, Model model) {
		model.addAttribute("desk", desk(orgId, userId));
		conversationModel(model, conversation(orgId, conversationIdentifier));
		return "console/fragments :: state";
	}

	@GetMapping("/orgs/{orgId}/agents/{userId}/conversations/{conversationIdentifier}/transcript")
	String transcript(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, Model model) {
		model.addAttribute("desk", desk(orgId, userId));
		transcriptModel(model, conversation(orgId, conversationIdentifier));
		return "console/fragments :: transcript";
	}

	@GetMapping("/orgs/{orgId}/agents/{userId}/conversations/{conversationIdentifier}/events")
	String outboundEvents(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, Model model) {
		model.addAttribute("desk", desk(orgId, userId));
		eventsModel(model, conversation(orgId, conversationIdentifier));
		return "console/fragments :: events";
	}

	/**
	 * The reply: text, a file with optional text, or both. A file is uploaded first, as through the admin API's
	 * upload, and the message then names it. {@code typing=true} means the page had announced typing; it is
	 * stopped before the message goes out, as a person's client does.
	 */
	@PostMapping("/orgs/{orgId}/agents/{userId}/conversations/{conversationIdentifier}/messages")
	String reply(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, @RequestParam(defaultValue = "") String text,
			@RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "false") boolean typing,
			HttpServletRequest request, Model model) throws IOException {
		Desk desk = desk(orgId, userId);
		Conversation conversation = conversation(orgId, conversationIdentifier);
		if (typing) {
			this.actions.typing(conversation.conversationIdentifier(), desk.agent().id(), false);
		}
		List<String> files = List.of();
		if (file != null && !file.isEmpty()) {
			try (InputStream content = file.getInputStream()) {
				files = List.of(this.agentAttachments
					.upload(conversation.conversationIdentifier(), file.getOriginalFilename(), file.getSize(), content)
					.attachment()
					.id()
					.toString());
			}
		}
		this.actions.sendMessage(conversation.conversationIdentifier(), desk.agent().id(), text.isBlank() ? null : text,
				files);
		return afterAction(request, model, desk, conversation);
	}

	@PostMapping("/orgs/{orgId}/agents/{userId}/conversations/{conversationIdentifier}/typing")
	@ResponseBody
	ResponseEntity<Void> typing(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, @RequestParam boolean typing) {
		Desk desk = desk(orgId, userId);
		this.actions.typing(conversation(orgId, conversationIdentifier).conversationIdentifier(), desk.agent().id(),
				typing);
		return ResponseEntity.noContent().build();
	}

	/** The agent joins ({@code add}) or leaves ({@code remove}) the conversation. */
	@PostMapping("/orgs/{orgId}/agents/{userId}/conversations/{conversationIdentifier}/participants")
	String participant(@PathVariable String orgId, @PathVariable String userId,
			@PathVariable String conversationIdentifier, @RequestParam String operation, HttpServletRequest request,
			Model model) {
		Desk desk = desk(orgId, userId);
		Conversation conversation = conversation(orgId, conversationIdentifier);
		this.actions.changeParticipant(conversation.conversationIdentifier(), desk.agent().id(), operation);
		return afterAction(request, model, desk, conversation);
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
			.filename(attachment.fileName(), java.nio.charset.StandardCharsets.UTF_8)
			.build();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(attachment.mimeType()))
			.contentLength(attachment.size())
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "sandbox")
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.body(new InputStreamResource(content.get().stream()));
	}

	/**
	 * A refusal from a service (the same contract codes the admin API answers) is shown to the person: in the
	 * page's message area for htmx requests, as a page of its own otherwise.
	 */
	@ExceptionHandler(InteractionApiException.class)
	String refused(InteractionApiException ex, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		response.setStatus(ex.errorCode().httpStatus());
		model.addAttribute("problem", ex.getMessage());
		model.addAttribute("code", ex.errorCode().code());
		if (isHtmx(request)) {
			response.setHeader("HX-Retarget", "#flash");
			response.setHeader("HX-Reswap", "innerHTML");
			return "console/fragments :: problem";
		}
		return "console/problem";
	}

	/** htmx swaps the fresh transcript in; a plain form post is redirected back to the conversation. */
	private String afterAction(HttpServletRequest request, Model model, Desk desk, Conversation conversation) {
		if (isHtmx(request)) {
			model.addAttribute("desk", desk);
			transcriptModel(model, conversation);
			return "console/fragments :: transcript";
		}
		return "redirect:" + desk.base() + "conversations/" + conversation.conversationIdentifier();
	}

	static boolean isHtmx(HttpServletRequest request) {
		return request.getHeader("HX-Request") != null;
	}

	private void deskModel(Model model, String orgId, String userId, int page, Conversation selected) {
		Desk desk = desk(orgId, userId);
		model.addAttribute("desk", desk);
		model.addAttribute("selected", (selected != null) ? selected.conversationIdentifier() : null);
		listModel(model, desk, page);
	}

	private void listModel(Model model, Desk desk, int page) {
		long total = this.conversations.count(desk.org().id());
		int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
		int current = Math.min(Math.max(1, page), pages);
		List<ConversationSummary> summaries = this.conversations.inbox(desk.org().id(), PAGE_SIZE,
				(current - 1) * PAGE_SIZE);
		model.addAttribute("lines", summaries.stream().map((s) -> this.views.line(s, null)).toList());
		model.addAttribute("page", current);
		model.addAttribute("pages", pages);
		model.addAttribute("total", total);
	}

	private void conversationModel(Model model, Conversation conversation) {
		model.addAttribute("conversation", conversation);
		MessagingSession session = this.conversations.session(conversation.currentSessionId()).orElse(null);
		model.addAttribute("messagingSession", session);
		model.addAttribute("sessionStarted", (session != null) ? ConsoleViews.time(session.startedAt()) : "");
		transcriptModel(model, conversation);
		eventsModel(model, conversation);
	}

	private void transcriptModel(Model model, Conversation conversation) {
		Map<String, StoredAttachment> files = this.attachments
			.findByConversation(UUID.fromString(conversation.conversationIdentifier()))
			.stream()
			.collect(Collectors.toMap((a) -> a.id().toString(), Function.identity(), (a, b) -> a, LinkedHashMap::new));
		model.addAttribute("conversation", conversation);
		model.addAttribute("entries", this.conversations.transcript(conversation.conversationIdentifier())
			.stream()
			.map((entry) -> this.views.entry(entry, files))
			.toList());
	}

	private void eventsModel(Model model, Conversation conversation) {
		model.addAttribute("conversation", conversation);
		model.addAttribute("events", this.events.eventsOf(conversation).stream().map(this.views::event).toList());
	}

	private Desk desk(String orgId, String userId) {
		Org org = this.setup.org(orgId)
			.orElseThrow(() -> ErrorCode.ENDPOINT_NOT_FOUND.exception("No org " + orgId + " in the setup."));
		Org.AppUser agent = org.userById(userId)
			.orElseThrow(() -> ErrorCode.USER_ID_INVALID.exception("'" + userId + "' is not a user of org " + org.id()
					+ "."));
		return new Desk(org, agent);
	}

	private Conversation conversation(String orgId, String conversationIdentifier) {
		return this.conversations.find(orgId, conversationIdentifier)
			.orElseThrow(() -> ErrorCode.CONVERSATION_IDENTIFIER_INVALID
				.exception("No conversation " + conversationIdentifier + " in org " + orgId + "."));
	}

	private static Optional<UUID> uuid(String id) {
		try {
			return Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** Who is at the desk: an org and the user acting as its agent; {@code base} is the desk's URL. */
	record Desk(Org org, Org.AppUser agent) {

		public String base() {
			return ConsolePage.PATH + "/orgs/" + UriUtils.encodePathSegment(this.org.id(), "UTF-8") + "/agents/"
					+ UriUtils.encodePathSegment(this.agent.id(), "UTF-8") + "/";
		}

		public String agentName() {
			return (this.agent.displayName() != null) ? this.agent.displayName() : this.agent.username();
		}

	}

}
