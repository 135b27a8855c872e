package org.byoc.interaction.auth.token;

import java.time.Instant;
import java.util.List;

/**
 * Who an access token speaks for, as verified from the token itself: the org (as configured, plus its 15-char
 * key), the user, the connected app that obtained it, the scopes granted, and when it stops being valid.
 */
public record AccessTokenPrincipal(String orgId, String orgKey, String userId, String username, String consumerKey,
		List<String> scopes, Instant expiresAt) {

	/** The scope every Interaction API call needs (contract §A.3). */
	public static final String INTERACTION_API_SCOPE = "interaction_api";

	public AccessTokenPrincipal {
		scopes = List.copyOf(scopes);
	}

	public boolean hasScope(String scope) {
		return this.scopes.contains(scope);
	}

	public boolean isExpiredAt(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

}
