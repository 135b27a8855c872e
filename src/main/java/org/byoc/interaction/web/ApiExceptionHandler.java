package org.byoc.interaction.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import org.byoc.interaction.contract.ErrorBody;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.InteractionApiException;

/**
 * The one place where refusals become HTTP answers. Clients only ever see a contract code and a message we
 * wrote; anything unexpected is logged (with the RequestId, via the MDC) and answered as code 500.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(InteractionApiException.class)
	ResponseEntity<ErrorBody> contract(InteractionApiException ex) {
		if (ex.errorCode().httpStatus() >= 500) {
			log.warn("Answered {} ({}): {}", ex.errorCode().code(), ex.errorCode(), ex.getMessage());
		}
		return answer(ex);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException ex) {
		if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
			return answer(ErrorCode.REQUEST_BODY_MISSING.exception());
		}
		return answer(ErrorCode.INVALID_PARAMETERS.exception("The request body is not valid JSON for this endpoint."));
	}

	@ExceptionHandler({ MissingServletRequestPartException.class })
	ResponseEntity<ErrorBody> missingPart(MissingServletRequestPartException ex) {
		return answer(ErrorCode.REQUEST_BODY_MISSING
			.exception("The multipart request has no '" + ex.getRequestPartName() + "' part."));
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ErrorBody> tooLarge(MaxUploadSizeExceededException ex) {
		// the container reports every multipart limit as a size: only a file too large is 10008
		return answer(MultipartLimits.refusal(ex));
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ErrorBody> badMultipart(MultipartException ex) {
		return answer(ErrorCode.REQUEST_BODY_MISSING.exception("The request body is not a readable multipart body."));
	}

	@ExceptionHandler(MissingRequestHeaderException.class)
	ResponseEntity<ErrorBody> missingHeader(MissingRequestHeaderException ex) {
		return answer(ErrorCode.API_HEADER_INVALID.exception("The " + ex.getHeaderName() + " header is missing."));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ErrorBody> mediaType(HttpMediaTypeNotSupportedException ex) {
		return answer(ErrorCode.UNSUPPORTED_MEDIA_TYPE
			.exception("Content type " + ex.getContentType() + " is not supported on this endpoint."));
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ErrorBody> method(HttpRequestMethodNotSupportedException ex) {
		return answer(ErrorCode.METHOD_NOT_ALLOWED.exception("Method " + ex.getMethod() + " is not allowed here."));
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<ErrorBody> notFound(NoResourceFoundException ex) {
		return answer(ErrorCode.ENDPOINT_NOT_FOUND.exception());
	}

	/**
	 * Anything unexpected is a 500, except the database being down or unreachable: that is a retryable 503, with a
	 * one-line warning rather than a stack trace per request while it lasts. The transaction was rolled back, so
	 * nothing half-written remains.
	 */
	/** A request parameter of the wrong type (an admin API {@code limit=ten}): a client fault with no code of its own. */
	@ExceptionHandler(TypeMismatchException.class)
	ResponseEntity<ErrorBody> typeMismatch(TypeMismatchException ex) {
		String name = (ex.getPropertyName() != null) ? "'" + ex.getPropertyName() + "' " : "";
		return answer(ErrorCode.CUSTOMER_ERROR.exception("The request could not be processed: the parameter " + name
				+ "has the wrong type."));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ErrorBody> unexpected(Exception ex) {
		if (DatabaseFailures.isTimeout(ex)) {
			log.warn("Answered 503 (10094): a database call timed out: {}", rootMessage(ex));
			return answer(ErrorCode.DOWNSTREAM_TIMEOUT
				.exception("The database did not answer in time; nothing was changed. Retry the request."));
		}
		if (ex instanceof ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
			// a client fault Spring found (a missing parameter, say) for which the contract has no code of its own
			String detail = framework.getBody().getDetail();
			return answer(ErrorCode.CUSTOMER_ERROR.exception("The request could not be processed"
					+ ((detail != null) ? ": " + detail : ".")));
		}
		if (DatabaseFailures.isPoolExhausted(ex)) {
			log.warn("Answered 503: no database connection came free in time: {}", rootMessage(ex));
			return answer(ErrorCode.SERVICE_UNAVAILABLE
				.exception("The service is busy: no database connection came free in time. Retry the request."));
		}
		if (DatabaseFailures.isUnavailable(ex)) {
			log.warn("Answered 503: the database is unavailable: {}", rootMessage(ex));
			return answer(ErrorCode.SERVICE_UNAVAILABLE.exception("The database is unavailable. Retry the request."));
		}
		log.error("Unexpected failure", ex);
		return answer(ErrorCode.GENERIC_INTERNAL_ERROR.exception());
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	/** Always JSON, whatever the request's Accept header says: refusals have no other form. */
	private static ResponseEntity<ErrorBody> answer(InteractionApiException ex) {
		return ResponseEntity.status(ex.errorCode().httpStatus())
			.contentType(MediaType.APPLICATION_JSON)
			.body(ErrorBody.of(ex));
	}

}
