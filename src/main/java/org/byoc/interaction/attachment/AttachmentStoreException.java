package org.byoc.interaction.attachment;

/** The attachment store failed (unreachable, refused, full). Answered as 503 so the partner retries. */
final class AttachmentStoreException extends RuntimeException {

	AttachmentStoreException(String message, Throwable cause) {
		super(message, cause);
	}

}
