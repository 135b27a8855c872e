package org.byoc.interaction.conversation.inbound;

import java.util.Objects;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.byoc.interaction.contract.CanonicalJson;

/**
 * An interaction announcing a file in the request's {@code attachments} part. {@code attachmentIndex} is the file's
 * position there (the decoder checks it is not negative; whether such a file exists is for the caller, 10011).
 * {@code contentLength} is the size the client claims (checked against the bytes received, 10051); {@code text},
 * the caption, may be null.
 */
public record AttachmentInteraction(long timestamp, String id, int attachmentIndex, long contentLength, String text)
		implements Interaction {

	public AttachmentInteraction {
		Objects.requireNonNull(id, "id");
	}

	/**
	 * Over id, contentLength and caption. The file's bytes are not seen here: to compare them too, combine this
	 * fingerprint with a checksum of the stored file. {@code attachmentIndex} is left out: it only says where in
	 * the request the file sat.
	 */
	@Override
	public String contentFingerprint() {
		ObjectNode content = JsonNodeFactory.instance.objectNode();
		content.put("interactionType", "AttachmentInteraction");
		content.put("id", this.id);
		content.put("contentLength", this.contentLength);
		if (this.text != null) {
			content.put("text", this.text);
		}
		return CanonicalJson.fingerprint(content);
	}

}
