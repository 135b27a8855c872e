package org.byoc.interaction.auth.token;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens a decoder has verified, by their text, so that using one again costs a map lookup instead of a signature
 * check and a JSON parse. The decoder still checks what can change while a token is remembered (its expiry, a
 * sign-out). Bounded: past the limit it drops the expired ones, and everything if that is not enough, rather than
 * grow with tokens nobody uses again.
 */
public final class VerifiedTokens {

	static final int LIMIT = 10_000;

	private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

	public @Nullable Jwt get(String token) {
		return this.verified.get(token);
	}

	public void forget(String token) {
		this.verified.remove(token);
	}

	public void forgetAll() {
		this.verified.clear();
	}

	public void remember(String token, Jwt jwt, Instant now) {
		if (this.verified.size() >= LIMIT) {
			this.verified.values().removeIf((j) -> j.getExpiresAt() == null || !now.isBefore(j.getExpiresAt()));
			if (this.verified.size() >= LIMIT) {
				this.verified.clear();
			}
		}
		this.verified.put(token, jwt);
	}

}
