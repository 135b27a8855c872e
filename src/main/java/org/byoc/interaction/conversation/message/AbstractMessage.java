package org.byoc.interaction.conversation.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.byoc.interaction.contract.CanonicalJson;

/**
 * A validated abstractMessage (contract §C): the few facts the service acts on, plus the whole message rebuilt from
 * the fields the contract defines (unknown fields dropped), which is what the transcript stores and outbound events
 * carry. Immutable: the tree is never handed out, only copies.
 */
public final class AbstractMessage {

	private final String id;

	private final MessageType messageType;

	private final FormatType formatType;

	private final ObjectNode tree;

	private final String text;

	private final String json;

	AbstractMessage(String id, MessageType messageType, FormatType formatType, ObjectNode tree, String text) {
		this.id = Objects.requireNonNull(id);
		this.messageType = Objects.requireNonNull(messageType);
		this.formatType = Objects.requireNonNull(formatType);
		this.tree = tree.deepCopy();
		this.text = text;
		this.json = CanonicalJson.write(this.tree);
	}

	/** A plain StaticContentMessage with format Text (§C.4), as the service builds it for an agent's reply. */
	public static AbstractMessage staticText(String id, String text) {
		ObjectNode tree = JsonNodeFactory.instance.objectNode();
		tree.put("id", id);
		tree.put("messageType", MessageType.StaticContentMessage.name());
		ObjectNode content = tree.putObject(MessageType.StaticContentMessage.contentField());
		content.put("formatType", FormatType.Text.name());
		content.put("text", text);
		return new AbstractMessage(id, MessageType.StaticContentMessage, FormatType.Text, tree, text);
	}

	/**
	 * The message the service itself builds for a file an end user uploaded through an AttachmentInteraction: a
	 * StaticContentMessage with format Attachments (§C.4), captioned with the interaction's text.
	 * @param id the message id (the AttachmentInteraction's id)
	 * @param text the caption, or null
	 * @param attachments the stored files, at least one
	 */
	public static AbstractMessage staticAttachments(String id, String text, List<Attachment> attachments) {
		if (attachments.isEmpty()) {
			throw new IllegalArgumentException("An Attachments message needs at least one attachment");
		}
		ObjectNode tree = JsonNodeFactory.instance.objectNode();
		tree.put("id", id);
		tree.put("messageType", MessageType.StaticContentMessage.name());
		ObjectNode content = tree.putObject(MessageType.StaticContentMessage.contentField());
		content.put("formatType", FormatType.Attachments.name());
		if (text != null) {
			content.put("text", text);
		}
		ArrayNode files = content.putArray("attachments");
		for (Attachment attachment : attachments) {
			ObjectNode file = files.addObject();
			file.put("id", attachment.id());
			file.put("name", attachment.name());
			file.put("mimeType", attachment.mimeType());
			file.put("url", attachment.url());
			if (attachment.referenceId() != null) {
				file.put("referenceId", attachment.referenceId());
			}
		}
		return new AbstractMessage(id, MessageType.StaticContentMessage, FormatType.Attachments, tree, text);
	}

	public String id() {
		return this.id;
	}

	public MessageType messageType() {
		return this.messageType;
	}

	public FormatType formatType() {
		return this.formatType;
	}

	public Optional<String> inReplyToMessageId() {
		JsonNode value = this.tree.get("inReplyToMessageId");
		return (value != null) ? Optional.of(value.stringValue()) : Optional.empty();
	}

	/**
	 * The human-readable text: the body of a Text message, the caption of an Attachments message, the message of an
	 * ExperienceType message; empty for the other formats.
	 */
	public Optional<String> text() {
		return Optional.ofNullable(this.text);
	}

	/** A copy of the rebuilt abstractMessage. */
	public ObjectNode tree() {
		return this.tree.deepCopy();
	}

	/** The rebuilt abstractMessage as compact JSON, fields in the contract's order. */
	public String json() {
		return this.json;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AbstractMessage that && this.json.equals(that.json);
	}

	@Override
	public int hashCode() {
		return this.json.hashCode();
	}

	@Override
	public String toString() {
		return this.json;
	}

	/** One file of a StaticContent Attachments message (§C.4); referenceId may be null. */
	public record Attachment(String id, String name, String mimeType, String url, String referenceId) {

		public Attachment {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(mimeType, "mimeType");
			Objects.requireNonNull(url, "url");
		}

	}

}
