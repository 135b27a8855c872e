package org.byoc.interaction.auth.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Refusals of the vendor's REST API ({@code /services/data/**}, where the npm Pub/Sub client's jsforce looks up
 * managed subscriptions) in that API's own shape, which jsforce parses: 401 with
 * {@code [{"message": ..., "errorCode": "INVALID_SESSION_ID"}]}. A session without the API scope is as unusable
 * there as an expired one.
 */
public final class RestApiRefusalHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
			throws IOException {
		write(response, "Session expired or invalid");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		write(response, "This session is not valid for use with the REST API");
	}

	private static void write(HttpServletResponse response, String message) throws IOException {
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream()
			.write(("[{\"message\":\"" + message + "\",\"errorCode\":\"INVALID_SESSION_ID\"}]")
				.getBytes(StandardCharsets.UTF_8));
	}

}
