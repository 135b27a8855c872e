package org.byoc.interaction.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartFile;

import org.byoc.interaction.attachment.AttachmentUpload;
import org.byoc.interaction.attachment.Attachments;
import org.byoc.interaction.attachment.StoredAttachment;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.web.AdminEndpoint;
import org.byoc.interaction.web.ErrorCode;

/**
 * An agent uploads a file to a conversation (same store and rules as inbound files); a reply then names it in
 * {@code attachmentIds}.
 */
@AdminEndpoint
class AgentAttachmentController {

	private final Conversations conversations;

	private final Attachments attachments;

	private final TransactionTemplate transactions;

	AgentAttachmentController(Conversations conversations, Attachments attachments, TransactionTemplate transactions) {
		this.conversations = conversations;
		this.attachments = attachments;
		this.transactions = transactions;
	}

	@PostMapping("/admin/api/attachments")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> upload(@RequestParam String conversationIdentifier, @RequestPart("file") MultipartFile file)
			throws IOException {
		Conversation conversation = this.conversations.findInAnyOrg(conversationIdentifier)
			.orElseThrow(() -> ErrorCode.CONVERSATION_IDENTIFIER_INVALID
				.exception("No conversation " + conversationIdentifier + "."));
		AttachmentUpload upload = new AttachmentUpload(conversation.orgKey(), UUID.fromString(conversationIdentifier),
				UUID.randomUUID(), file.getOriginalFilename(), file.getSize(), file.getSize());
		StoredAttachment stored;
		try (InputStream content = file.getInputStream()) {
			stored = this.attachments.receive(upload, content);
		}
		this.transactions.executeWithoutResult((status) -> this.attachments.record(stored));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("id", stored.id().toString());
		answer.put("name", stored.fileName());
		answer.put("mimeType", stored.mimeType());
		answer.put("size", stored.size());
		answer.put("url", this.attachments.downloadUrl(stored).toString());
		return answer;
	}

}
