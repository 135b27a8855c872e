package org.byoc.interaction.auth.http;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Reads the vendor's access token form, {@code Authorization: Bearer <orgId15>!<JWT>}. Spring Security's default
 * resolver refuses the {@code !}. Only the header counts: a token in the query string or a form field is never
 * looked at, so it cannot leak into logs as an accepted practice. No header means no token (the caller is told the
 * header is missing); a header that is not a bearer token is an invalid token.
 */
public final class OrgBearerTokenResolver implements BearerTokenResolver {

	/** What a caller with a bad token is told, on every face that answers in the contract's terms. */
	public static final String INVALID_TOKEN_MESSAGE = "The access token is invalid or expired; get a new one from "
			+ "/services/oauth2/token.";

	private static final String SCHEME = "Bearer";

	@Override
	public String resolve(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || authorization.isBlank()) {
			return null;
		}
		String token = token(authorization);
		if (token == null) {
			throw new InvalidBearerTokenException(INVALID_TOKEN_MESSAGE);
		}
		return token;
	}

	/** The token of an {@code Authorization} value, or null when it is not {@code Bearer <token>}. */
	public static String token(String authorization) {
		if (authorization == null) {
			return null;
		}
		String value = authorization.trim();
		// The scheme name is case-insensitive (RFC 9110 §11.1).
		if (value.length() <= SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
				|| !Character.isWhitespace(value.charAt(SCHEME.length()))) {
			return null;
		}
		String token = value.substring(SCHEME.length()).trim();
		return token.isEmpty() ? null : token;
	}

}
