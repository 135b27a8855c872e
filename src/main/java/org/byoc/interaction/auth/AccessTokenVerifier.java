package org.byoc.interaction.auth;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.byoc.interaction.setup.OrgIds;

/**
 * Verifies the service's own access tokens ({@code <orgId15>!<JWT>}): HS256 signature with a known key id, the
 * access-token type, expiry, and that the {@code <orgId>!} prefix names the token's org. Verified tokens are cached
 * until they expire, so the hot path costs one map lookup; the cache is bounded and forgets everything rather than
 * grow past its limit.
 */
public final class AccessTokenVerifier {

	static final int CACHE_LIMIT = 10_000;

	private final AccessTokenKeys keys;

	private final Clock clock;

	private final Map<String, AccessTokenPrincipal> verified = new ConcurrentHashMap<>();

	AccessTokenVerifier(AccessTokenKeys keys, Clock clock) {
		this.keys = keys;
		this.clock = clock;
	}

	/**
	 * The principal the token speaks for, or empty when the token is malformed, forged, expired or carries another
	 * org's prefix. Never throws for bad input.
	 */
	public Optional<AccessTokenPrincipal> verify(String accessToken) {
		if (accessToken == null || accessToken.isBlank()) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		AccessTokenPrincipal cached = this.verified.get(accessToken);
		if (cached != null) {
			if (!cached.isExpiredAt(now)) {
				return Optional.of(cached);
			}
			this.verified.remove(accessToken);
			return Optional.empty();
		}
		Optional<AccessTokenPrincipal> principal = verifyUncached(accessToken, now);
		principal.ifPresent((p) -> remember(accessToken, p, now));
		return principal;
	}

	private Optional<AccessTokenPrincipal> verifyUncached(String accessToken, Instant now) {
		int bang = accessToken.indexOf('!');
		if (bang <= 0) {
			return Optional.empty();
		}
		String orgPrefix = accessToken.substring(0, bang);
		try {
			SignedJWT jwt = SignedJWT.parse(accessToken.substring(bang + 1));
			JWSHeader header = jwt.getHeader();
			if (!JWSAlgorithm.HS256.equals(header.getAlgorithm())
					|| !AccessTokenIssuer.TOKEN_TYPE.equals(header.getType()) || header.getKeyID() == null) {
				return Optional.empty();
			}
			Optional<OctetSequenceKey> key = this.keys.verificationKey(header.getKeyID());
			if (key.isEmpty() || !jwt.verify(new MACVerifier(key.get()))) {
				return Optional.empty();
			}
			return principal(jwt.getJWTClaimsSet(), orgPrefix, now);
		}
		catch (ParseException | JOSEException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static Optional<AccessTokenPrincipal> principal(JWTClaimsSet claims, String orgPrefix, Instant now)
			throws ParseException {
		String orgId = claims.getStringClaim(AccessTokenIssuer.CLAIM_ORG);
		String userId = claims.getStringClaim(AccessTokenIssuer.CLAIM_USER_ID);
		String consumerKey = claims.getStringClaim(AccessTokenIssuer.CLAIM_CLIENT_ID);
		String scope = claims.getStringClaim(AccessTokenIssuer.CLAIM_SCOPE);
		String username = claims.getSubject();
		Date expiration = claims.getExpirationTime();
		if (orgId == null || userId == null || consumerKey == null || scope == null || username == null
				|| expiration == null) {
			return Optional.empty();
		}
		Instant expiresAt = expiration.toInstant();
		if (!now.isBefore(expiresAt) || !OrgIds.sameId(orgPrefix, orgId) || orgPrefix.length() != 15) {
			return Optional.empty();
		}
		List<String> scopes = Arrays.stream(scope.split(" ")).filter((s) -> !s.isEmpty()).toList();
		return Optional.of(new AccessTokenPrincipal(orgId, OrgIds.key(orgId), userId, username, consumerKey, scopes,
				expiresAt));
	}

	private void remember(String accessToken, AccessTokenPrincipal principal, Instant now) {
		if (this.verified.size() >= CACHE_LIMIT) {
			this.verified.values().removeIf((p) -> p.isExpiredAt(now));
			if (this.verified.size() >= CACHE_LIMIT) {
				this.verified.clear();
			}
		}
		this.verified.put(accessToken, principal);
	}

}
