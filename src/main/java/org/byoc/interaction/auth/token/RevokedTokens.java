package org.byoc.interaction.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admin tokens signed out of the console: refused until they expire, after which the signature check refuses them
 * anyway and they are forgotten. Kept by their SHA-256, so the tokens themselves are not held in memory. Each node
 * keeps its own list (see docs/operations.md: sign out where you signed in, and prefer short token lifetimes).
 */
public final class RevokedTokens {

	private final Clock clock;

	private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

	public RevokedTokens(Clock clock) {
		this.clock = clock;
	}

	public void revoke(String token, Instant until) {
		Instant now = this.clock.instant();
		this.revoked.values().removeIf((expiry) -> !now.isBefore(expiry));
		this.revoked.put(hash(token), until);
	}

	public boolean isRevoked(String token) {
		if (this.revoked.isEmpty()) {
			return false;
		}
		Instant until = this.revoked.get(hash(token));
		return until != null && this.clock.instant().isBefore(until);
	}

	private static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.strip().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
