package org.byoc.interaction.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Who an access token speaks for, by the same {@link AccessTokenDecoder} the resource-server chains use: for code
 * that holds a token outside a request the security filters saw (userinfo's answer, tests).
 */
public final class AccessTokenVerifier {

	private final JwtDecoder decoder;

	public AccessTokenVerifier(JwtDecoder decoder) {
		this.decoder = decoder;
	}

	public AccessTokenVerifier(AccessTokenKeys keys, Clock clock) {
		this(new AccessTokenDecoder(keys, Duration.ofHours(2), clock));
	}

	/**
	 * The principal the token speaks for, or empty when the token is malformed, forged, expired or carries another
	 * org's prefix. Never throws for bad input.
	 */
	public Optional<AccessTokenPrincipal> verify(String accessToken) {
		if (accessToken == null || accessToken.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(AccessTokenAuthenticationConverter.principal(this.decoder.decode(accessToken)));
		}
		catch (JwtException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
