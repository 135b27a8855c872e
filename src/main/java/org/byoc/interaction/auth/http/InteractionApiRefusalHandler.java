package org.byoc.interaction.auth.http;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.InteractionApiException;
import org.byoc.interaction.web.ErrorResponses;

/**
 * Writes the Interaction API's refusals in the contract's terms ({@code {"code":..,"message":..}}): as the entry
 * point, no token (10004, "the header is missing") or a bad one (10004, "invalid or expired"); as the access-denied
 * handler, whatever {@link InteractionApiAuthorizationManager} refused with.
 */
public final class InteractionApiRefusalHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final Logger log = LoggerFactory.getLogger(InteractionApiRefusalHandler.class);

	private final ErrorResponses errors;

	public InteractionApiRefusalHandler(ErrorResponses errors) {
		this.errors = errors;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
			throws IOException {
		InteractionApiException refusal = (reason instanceof OAuth2AuthenticationException)
				? ErrorCode.AUTH_TOKEN_INVALID.exception(OrgBearerTokenResolver.INVALID_TOKEN_MESSAGE)
				: ErrorCode.AUTH_TOKEN_INVALID
					.exception("The Authorization header is missing; send 'Authorization: Bearer <access token>'.");
		write(request, response, refusal);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		InteractionApiException refusal = (denied instanceof AuthorizationDeniedException decision
				&& decision.getAuthorizationResult() instanceof InteractionApiAuthorizationManager.Refusal known)
						? known.error() : ErrorCode.AUTH_TOKEN_INVALID.exception();
		write(request, response, refusal);
	}

	private void write(HttpServletRequest request, HttpServletResponse response, InteractionApiException refusal)
			throws IOException {
		log.info("Refused {} {} with {}: {}", request.getMethod(), request.getRequestURI(), refusal.errorCode().code(),
				refusal.getMessage());
		this.errors.write(response, refusal);
	}

}
