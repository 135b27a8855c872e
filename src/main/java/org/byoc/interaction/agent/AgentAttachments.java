package org.byoc.interaction.agent;

import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.attachment.AttachmentUpload;
import org.byoc.interaction.attachment.Attachments;
import org.byoc.interaction.attachment.StoredAttachment;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;

/**
 * An agent uploads a file to a conversation, with the same store and rules as inbound files; a reply then names
 * it in its attachment ids ({@link AgentActions#sendMessage}).
 */
@Service
public class AgentAttachments {

	private final Conversations conversations;

	private final Attachments attachments;

	private final TransactionTemplate transactions;

	AgentAttachments(Conversations conversations, Attachments attachments, TransactionTemplate transactions) {
		this.conversations = conversations;
		this.attachments = attachments;
		this.transactions = transactions;
	}

	/**
	 * Stores the file and records it for the conversation. Does not close {@code content}.
	 * @param size the file's length as the client declared it
	 */
	public Uploaded upload(String conversationIdentifier, String fileName, long size, InputStream content) {
		Conversation conversation = this.conversations.findInAnyOrg(conversationIdentifier)
			.orElseThrow(() -> ErrorCode.CONVERSATION_IDENTIFIER_INVALID
				.exception("No conversation " + conversationIdentifier + "."));
		AttachmentUpload upload = new AttachmentUpload(conversation.orgKey(),
				UUID.fromString(conversation.conversationIdentifier()), UUID.randomUUID(), fileName, size, size);
		StoredAttachment stored = this.attachments.receive(upload, content);
		this.transactions.executeWithoutResult((status) -> this.attachments.record(stored));
		return new Uploaded(stored, this.attachments.downloadUrl(stored));
	}

	/** The stored file and a link to download it. */
	public record Uploaded(StoredAttachment attachment, URI url) {
	}

}
