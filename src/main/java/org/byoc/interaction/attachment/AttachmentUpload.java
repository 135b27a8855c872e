package org.byoc.interaction.attachment;

import java.util.Objects;
import java.util.UUID;

import org.byoc.interaction.setup.OrgIds;

/**
 * One file as the partner sent it, before anything is trusted. {@code fileName} is the client's name and is kept
 * as metadata only; the object key is made from the ids. {@code partSize} is the size the multipart layer
 * counted for the part, or a negative number when it is not known.
 *
 * @param orgId the org the conversation belongs to, in its 15- or 18-character form
 * @param conversationId the conversation the file is attached to
 * @param attachmentId an id the caller generated for this attachment (never the client's)
 * @param fileName the client's file name, may be null
 * @param declaredContentLength the AttachmentInteraction's {@code contentLength}
 * @param partSize the size of the multipart part, negative when unknown
 */
public record AttachmentUpload(String orgId, UUID conversationId, UUID attachmentId, String fileName,
		long declaredContentLength, long partSize) {

	public AttachmentUpload {
		Objects.requireNonNull(orgId, "orgId");
		Objects.requireNonNull(conversationId, "conversationId");
		Objects.requireNonNull(attachmentId, "attachmentId");
		// the org id becomes a key segment, so it must never carry path syntax
		if (!OrgIds.isWellFormed(orgId) || !orgId.chars().allMatch(c -> c < 128)) {
			throw new IllegalArgumentException("Not an org id: " + orgId);
		}
	}

	/** The org's 15-character key, which names it in keys and rows whichever form the caller had. */
	String orgKey() {
		return OrgIds.key(this.orgId);
	}

}
