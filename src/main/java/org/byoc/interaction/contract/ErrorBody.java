package org.byoc.interaction.contract;

/** The contract's flat error body: {@code {"code": <int>, "message": "..."}}. */
public record ErrorBody(int code, String message) {

	public static ErrorBody of(InteractionApiException ex) {
		ContractFindings.refused(ex.errorCode().code(), ex.getMessage());
		return new ErrorBody(ex.errorCode().code(), ex.getMessage());
	}

}
