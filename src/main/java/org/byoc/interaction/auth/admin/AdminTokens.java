package org.byoc.interaction.auth.admin;

import java.time.Instant;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import org.byoc.interaction.auth.token.RevokedTokens;

/**
 * The management port's resource server: the {@link AuthenticationManager} over {@link AdminTokenDecoder} (admin
 * tokens get the authority {@code SCOPE_admin} from their scope claim), the admin key file behind it, and the tokens
 * signed out of the console, which stay refused until they expire.
 */
public final class AdminTokens {

	public static final String AUTHORITY = "SCOPE_" + AdminTokenDecoder.ADMIN;

	private final AdminPublicKeys keys;

	private final RevokedTokens revoked;

	private final AuthenticationManager authenticationManager;

	public AdminTokens(AdminPublicKeys keys, AdminTokenDecoder decoder, RevokedTokens revoked) {
		this.keys = keys;
		this.revoked = revoked;
		this.authenticationManager = new ProviderManager(new JwtAuthenticationProvider(decoder));
	}

	public AuthenticationManager authenticationManager() {
		return this.authenticationManager;
	}

	/** What is wrong with the admin key file, or null when a usable key is there. */
	public String keyProblem() {
		return this.keys.problem();
	}

	/** Authenticates a pasted token as the header would be. */
	public Authentication authenticate(String token) throws AuthenticationException {
		return this.authenticationManager.authenticate(new BearerTokenAuthenticationToken(token));
	}

	/** Refuses the token from now until it expires (console sign-out). */
	public void revoke(Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken token) {
			Jwt jwt = token.getToken();
			this.revoked.revoke(jwt.getTokenValue(),
					(jwt.getExpiresAt() != null) ? jwt.getExpiresAt().plus(AdminTokenDecoder.CLOCK_SKEW) : Instant.MAX);
		}
	}

}
