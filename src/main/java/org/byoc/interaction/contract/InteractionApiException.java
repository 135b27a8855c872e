package org.byoc.interaction.contract;

/**
 * A refusal with one of the contract's codes. The message is shown to the client, so it must never carry
 * internal detail.
 */
public final class InteractionApiException extends RuntimeException {

	private final ErrorCode errorCode;

	public InteractionApiException(ErrorCode errorCode, String message) {
		super(message, null, false, false);
		this.errorCode = errorCode;
	}

	public ErrorCode errorCode() {
		return this.errorCode;
	}

}
