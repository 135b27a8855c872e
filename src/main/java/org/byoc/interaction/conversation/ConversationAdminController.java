package org.byoc.interaction.conversation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.byoc.interaction.attachment.Attachments;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.bot.BotConversations;
import org.byoc.interaction.conversation.receipts.Acknowledgements;
import org.byoc.interaction.web.AdminEndpoint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Operators' read view of conversations and transcripts (management port, admin token). */
@AdminEndpoint
@RequestMapping("/admin/api/conversations")
class ConversationAdminController {

	private final Conversations conversations;

	private final Attachments attachments;

	private final Acknowledgements acknowledgements;

	private final BotConversations bots;

	private final JsonMapper json;

	ConversationAdminController(Conversations conversations, Attachments attachments,
			Acknowledgements acknowledgements, BotConversations bots, JsonMapper json) {
		this.conversations = conversations;
		this.attachments = attachments;
		this.acknowledgements = acknowledgements;
		this.bots = bots;
		this.json = json;
	}

	@GetMapping
	Map<String, Object> list(@RequestParam(required = false) String orgId,
			@RequestParam(required = false) String channelAddressIdentifier,
			@RequestParam(required = false) String endUserClientId,
			@RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
		if (limit < 1 || limit > 1000 || offset < 0) {
			throw ErrorCode.INVALID_PARAMETERS.exception("limit must be 1..1000 and offset not negative.");
		}
		List<Map<String, Object>> found = this.conversations
			.search(orgId, channelAddressIdentifier, endUserClientId, limit, offset)
			.stream()
			.map(ConversationAdminController::summary)
			.toList();
		return Map.of("conversations", found);
	}

	@GetMapping("/{conversationIdentifier}")
	Map<String, Object> get(@PathVariable String conversationIdentifier) {
		Conversation conversation = this.conversations.findInAnyOrg(conversationIdentifier)
			.orElseThrow(() -> ErrorCode.CONVERSATION_IDENTIFIER_INVALID
				.exception("No conversation " + conversationIdentifier + "."));
		Map<String, Object> view = summary(conversation);
		this.conversations.session(conversation.currentSessionId()).ifPresent((session) -> {
			Map<String, Object> current = new LinkedHashMap<>();
			current.put("id", session.id());
			current.put("status", session.status().name());
			current.put("startedAt", session.startedAt().toEpochMilli());
			current.put("endedAt", (session.endedAt() != null) ? session.endedAt().toEpochMilli() : null);
			view.put("session", current);
		});
		view.put("endUserTyping", conversation.endUserTyping());
		Map<String, Acknowledgements.Acknowledgement> receipts = this.acknowledgements.latest(conversationIdentifier);
		view.put("entries", this.conversations.transcript(conversationIdentifier)
			.stream()
			.map((entry) -> entry(entry, receipts.get(entry.entryId())))
			.toList());
		view.put("participants", this.bots.activeParticipants(conversationIdentifier));
		view.put("attachments", this.attachments.findByConversation(java.util.UUID.fromString(conversationIdentifier))
			.stream()
			.map((attachment) -> {
				Map<String, Object> link = new LinkedHashMap<>();
				link.put("id", attachment.id().toString());
				link.put("name", attachment.fileName());
				link.put("mimeType", attachment.mimeType());
				link.put("size", attachment.size());
				link.put("url", this.attachments.downloadUrl(attachment).toString());
				link.put("download", "/admin/api/attachments/" + attachment.id());
				return link;
			})
			.toList());
		return view;
	}

	private static Map<String, Object> summary(Conversation conversation) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("conversationIdentifier", conversation.conversationIdentifier());
		view.put("orgId", conversation.orgKey());
		view.put("channelDeveloperName", conversation.channelDeveloperName());
		view.put("channelAddressIdentifier", conversation.channelAddressIdentifier());
		Map<String, Object> endUser = new LinkedHashMap<>();
		endUser.put("id", conversation.endUserId());
		endUser.put("clientId", conversation.endUserClientId());
		view.put("endUser", endUser);
		view.put("workItemId", conversation.currentSessionId());
		view.put("createdAt", conversation.createdAt().toEpochMilli());
		return view;
	}

	/** An entry with its latest delivery or read receipt, when the end user's client sent one. */
	private Map<String, Object> entry(TranscriptEntry entry, Acknowledgements.Acknowledgement receipt) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("identifier", entry.entryId());
		view.put("entryType", entry.entryType());
		view.put("entryPayload", this.json.readValue(entry.payloadJson(), JsonNode.class));
		view.put("sender", entry.sender());
		view.put("senderDisplayName", entry.senderDisplayName());
		view.put("clientTimestamp", entry.clientTimestamp());
		view.put("transcriptedTimestamp", entry.transcriptedTimestamp());
		view.put("messagingSessionId", entry.messagingSessionId());
		view.put("deliveryErrorCode", entry.deliveryErrorCode());
		view.put("attachmentId", entry.attachmentId());
		if (receipt != null) {
			Map<String, Object> acknowledgement = new LinkedHashMap<>();
			acknowledgement.put("acknowledgementType", receipt.type());
			acknowledgement.put("acknowledgementTimestamp", receipt.timestamp());
			view.put("acknowledgement", acknowledgement);
		}
		return view;
	}

}
