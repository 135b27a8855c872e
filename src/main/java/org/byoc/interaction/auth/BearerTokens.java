package org.byoc.interaction.auth;

import java.util.Optional;

/** Reads the access token out of an {@code Authorization: Bearer <token>} header value. */
final class BearerTokens {

	private static final String SCHEME = "Bearer";

	private BearerTokens() {
	}

	static Optional<String> accessToken(String authorization) {
		if (authorization == null) {
			return Optional.empty();
		}
		String value = authorization.trim();
		// The scheme name is case-insensitive (RFC 9110 §11.1).
		if (value.length() <= SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
				|| !Character.isWhitespace(value.charAt(SCHEME.length()))) {
			return Optional.empty();
		}
		String token = value.substring(SCHEME.length()).trim();
		return token.isEmpty() ? Optional.empty() : Optional.of(token);
	}

}
