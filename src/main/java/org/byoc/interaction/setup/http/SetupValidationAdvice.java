package org.byoc.interaction.setup.http;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import org.byoc.interaction.contract.ErrorBody;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.setup.SetupValidationException;

/**
 * A setup change refused over the admin API (the setup document, scripted agents, managed subscriptions, faults)
 * is the caller's mistake: INVALID_PARAMETERS with the key that is wrong. Ordered before the web module's catch-all
 * advice, which would otherwise answer it as an unexpected 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SetupValidationAdvice {

	@ExceptionHandler(SetupValidationException.class)
	ResponseEntity<ErrorBody> invalid(SetupValidationException ex) {
		return ResponseEntity.status(ErrorCode.INVALID_PARAMETERS.httpStatus())
			.contentType(MediaType.APPLICATION_JSON)
			.body(new ErrorBody(ErrorCode.INVALID_PARAMETERS.code(), ex.getMessage()));
	}

}
