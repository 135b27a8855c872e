package org.byoc.interaction.conversation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.byoc.interaction.attachment.Attachments;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.bot.BotConversations;
import org.byoc.interaction.conversation.receipts.Acknowledgements;
import org.byoc.interaction.outbound.Participant;
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
	ConversationList list(@RequestParam(required = false) String orgId,
			@RequestParam(required = false) String channelAddressIdentifier,
			@RequestParam(required = false) String endUserClientId,
			@RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
		if (limit < 1 || limit > 1000 || offset < 0) {
			throw ErrorCode.INVALID_PARAMETERS.exception("limit must be 1..1000 and offset not negative.");
		}
		return new ConversationList(this.conversations
			.search(orgId, channelAddressIdentifier, endUserClientId, limit, offset)
			.stream()
			.map(Summary::of)
			.toList());
	}

	@GetMapping("/{conversationIdentifier}")
	ConversationView get(@PathVariable String conversationIdentifier) {
		Conversation conversation = this.conversations.findInAnyOrg(conversationIdentifier)
			.orElseThrow(() -> ErrorCode.CONVERSATION_IDENTIFIER_INVALID
				.exception("No conversation " + conversationIdentifier + "."));
		SessionView session = this.conversations.session(conversation.currentSessionId())
			.map((current) -> new SessionView(current.id(), current.status().name(),
					current.startedAt().toEpochMilli(),
					(current.endedAt() != null) ? current.endedAt().toEpochMilli() : null))
			.orElse(null);
		Map<String, Acknowledgements.Acknowledgement> receipts = this.acknowledgements.latest(conversationIdentifier);
		List<EntryView> entries = this.conversations.transcript(conversationIdentifier)
			.stream()
			.map((entry) -> entry(entry, receipts.get(entry.entryId())))
			.toList();
		List<AttachmentLink> attachments = this.attachments
			.findByConversation(UUID.fromString(conversationIdentifier))
			.stream()
			.map((attachment) -> new AttachmentLink(attachment.id().toString(), attachment.fileName(),
					attachment.mimeType(), attachment.size(), this.attachments.downloadUrl(attachment).toString(),
					"/admin/api/attachments/" + attachment.id()))
			.toList();
		Summary summary = Summary.of(conversation);
		return new ConversationView(summary.conversationIdentifier(), summary.orgId(), summary.channelDeveloperName(),
				summary.channelAddressIdentifier(), summary.endUser(), summary.workItemId(), summary.createdAt(),
				session, conversation.endUserTyping(), entries, this.bots.activeParticipants(conversationIdentifier),
				attachments);
	}

	/** An entry with its latest delivery or read receipt, when the end user's client sent one. */
	private EntryView entry(TranscriptEntry entry, Acknowledgements.Acknowledgement receipt) {
		return new EntryView(entry.entryId(), entry.entryType(),
				this.json.readValue(entry.payloadJson(), JsonNode.class), entry.sender(), entry.senderDisplayName(),
				entry.clientTimestamp(), entry.transcriptedTimestamp(), entry.messagingSessionId(),
				entry.deliveryErrorCode(), entry.attachmentId(),
				(receipt != null) ? new Receipt(receipt.type(), receipt.timestamp()) : null);
	}

	record ConversationList(List<Summary> conversations) {
	}

	/** A conversation as the list shows it; {@code workItemId} is its current messaging session. */
	record Summary(String conversationIdentifier, String orgId, String channelDeveloperName,
			String channelAddressIdentifier, EndUser endUser, String workItemId, long createdAt) {

		static Summary of(Conversation conversation) {
			return new Summary(conversation.conversationIdentifier(), conversation.orgKey(),
					conversation.channelDeveloperName(), conversation.channelAddressIdentifier(),
					new EndUser(conversation.endUserId(), conversation.endUserClientId()),
					conversation.currentSessionId(), conversation.createdAt().toEpochMilli());
		}

	}

	record EndUser(String id, String clientId) {
	}

	/** One conversation whole: its summary, current session, transcript, participants and files. */
	record ConversationView(String conversationIdentifier, String orgId, String channelDeveloperName,
			String channelAddressIdentifier, EndUser endUser, String workItemId, long createdAt,
			@JsonInclude(JsonInclude.Include.NON_NULL) SessionView session, boolean endUserTyping,
			List<EntryView> entries, List<Participant> participants, List<AttachmentLink> attachments) {
	}

	record SessionView(String id, String status, long startedAt, Long endedAt) {
	}

	record EntryView(String identifier, String entryType, JsonNode entryPayload, Participant sender,
			String senderDisplayName, long clientTimestamp, long transcriptedTimestamp, String messagingSessionId,
			String deliveryErrorCode, String attachmentId,
			@JsonInclude(JsonInclude.Include.NON_NULL) Receipt acknowledgement) {
	}

	record Receipt(String acknowledgementType, long acknowledgementTimestamp) {
	}

	record AttachmentLink(String id, String name, String mimeType, long size, String url, String download) {
	}

}
