package org.byoc.interaction.auth.http;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.InteractionApiException;
import org.byoc.interaction.web.ErrorResponses;

/**
 * The management port's refusals outside the console (actuator, admin API): 401 with code 401, the admin decoder's
 * own message (which says what to do about the token), and {@code WWW-Authenticate: Bearer realm="admin"}. Before
 * anyone ran {@code generate_admin_key.sh}, every refusal says to run it.
 */
public final class AdminRefusalHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

	public static final String TOKEN_REQUIRED = "An admin token is required: send 'Authorization: Bearer <token>' "
			+ "(./generate_admin_key.sh prints one).";

	static final String NOT_A_JWT = "The admin token is not a signed JWT.";

	private static final Logger log = LoggerFactory.getLogger(AdminRefusalHandler.class);

	private final ErrorResponses errors;

	private final Supplier<String> keyProblem;

	/**
	 * @param keyProblem what is wrong with the admin key file, or null when a usable key is there
	 */
	public AdminRefusalHandler(ErrorResponses errors, Supplier<String> keyProblem) {
		this.errors = errors;
		this.keyProblem = keyProblem;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
			throws IOException {
		write(request, response, ErrorCode.ADMIN_TOKEN_INVALID.exception(message(reason)));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		write(request, response, ErrorCode.ADMIN_TOKEN_INVALID.exception());
	}

	/** What the operator is told about a missing or refused admin token. */
	String message(AuthenticationException reason) {
		if (reason instanceof OAuth2AuthenticationException && reason.getCause() instanceof BadJwtException) {
			return reason.getMessage();
		}
		String problem = this.keyProblem.get();
		if (problem != null) {
			return problem;
		}
		// the bearer resolver refuses a token with characters no JWT has
		return (reason instanceof OAuth2AuthenticationException) ? NOT_A_JWT : TOKEN_REQUIRED;
	}

	private void write(HttpServletRequest request, HttpServletResponse response, InteractionApiException refusal)
			throws IOException {
		log.info("Refused {} {} on the management port: {}", request.getMethod(), request.getRequestURI(),
				refusal.getMessage());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"admin\"");
		this.errors.write(response, refusal);
	}

}
