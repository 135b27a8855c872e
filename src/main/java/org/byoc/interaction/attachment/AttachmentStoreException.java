package org.byoc.interaction.attachment;

/**
 * The attachment store failed (unreachable, refused, full), or did not answer in time ({@link #timedOut()}).
 * Answered as 503 so the partner retries: code 503, or 10094 for a timeout.
 */
final class AttachmentStoreException extends RuntimeException {

	private final boolean timedOut;

	AttachmentStoreException(String message, Throwable cause) {
		this(message, cause, false);
	}

	AttachmentStoreException(String message, Throwable cause, boolean timedOut) {
		super(message, cause);
		this.timedOut = timedOut;
	}

	boolean timedOut() {
		return this.timedOut;
	}

}
