package org.byoc.interaction.contract;

/**
 * The success envelope of the endpoints whose errors come back in it (contract §A.5: capabilities, acknowledgement,
 * consent): {@code {success: false, errorDetail: {code, message}}}.
 */
public record Refusal(boolean success, ErrorDetail errorDetail) {

	public static Refusal of(InteractionApiException ex) {
		ContractFindings.refused(ex.errorCode().code(), ex.getMessage());
		return new Refusal(false, new ErrorDetail(ex.errorCode().code(), ex.getMessage()));
	}

	public record ErrorDetail(int code, String message) {
	}

}
