package org.byoc.interaction.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import org.byoc.interaction.setup.OrgIds;

/**
 * The resource-server decoder of the service's own access tokens, {@code <orgId15>!<JWT>}, for every face that takes
 * them (the Interaction API, userinfo, the Tooling API, gRPC Pub/Sub). Nimbus checks the {@code at+jwt} type and the
 * HS256 signature by the key the {@code kid} names (so an RS-signed or unsigned token never verifies); the validators
 * then check issuer, audience, expiry (no clock skew: the service is the issuer) and not-before, the claims the
 * caller is built from, and that the {@code <orgId>!} prefix names the token's {@code org}.
 * <p>
 * Tokens issued before tokens carried {@code iss} and {@code aud} are accepted without both for one token lifetime
 * after the start, by when every such token has expired. A token with one of the two, or a wrong one, is refused.
 * <p>
 * A verified token is remembered ({@link VerifiedTokens}) until it expires or the key file changes.
 */
public final class AccessTokenDecoder implements JwtDecoder {

	private final AccessTokenKeys keys;

	private final Clock clock;

	private final NimbusJwtDecoder nimbus;

	private final VerifiedTokens verified = new VerifiedTokens();

	private volatile long keysVersion;

	public AccessTokenDecoder(AccessTokenKeys keys, Duration tokenLifetime, Clock clock) {
		this.keys = keys;
		this.clock = clock;
		JWKSource<SecurityContext> source = (selector, context) -> selector
			.select(new JWKSet(keys.verificationKeys()));
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(AccessTokenIssuer.TOKEN_TYPE));
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, source));
		// claims are the validators' business
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		this.nimbus = new NimbusJwtDecoder(processor);
		Instant legacyUntil = clock.instant().plus(tokenLifetime);
		this.nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
				AccessTokenDecoder::keyIdAndClaims, (jwt) -> times(jwt, clock.instant()),
				(jwt) -> issuerAndAudience(jwt, legacyUntil, clock.instant()))));
		this.keysVersion = keys.version();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		if (token == null || token.isBlank()) {
			throw new BadJwtException("The access token is empty.");
		}
		Instant now = this.clock.instant();
		forgetIfKeysChanged();
		Jwt cached = this.verified.get(token);
		if (cached != null) {
			if (now.isBefore(cached.getExpiresAt())) {
				return cached;
			}
			this.verified.forget(token);
			throw new BadJwtException("The access token has expired.");
		}
		Jwt jwt = decodeUncached(token);
		this.verified.remember(token, jwt, now);
		return jwt;
	}

	private Jwt decodeUncached(String token) {
		int bang = token.indexOf('!');
		if (bang <= 0) {
			throw new BadJwtException("The access token has no <orgId>! prefix.");
		}
		String orgPrefix = token.substring(0, bang);
		Jwt jwt;
		try {
			jwt = this.nimbus.decode(token.substring(bang + 1));
		}
		catch (BadJwtException ex) {
			throw ex;
		}
		catch (JwtException | IllegalArgumentException ex) {
			// never a 500 for a bad token: whatever Nimbus could not process is simply not a valid token
			throw new BadJwtException(ex.getMessage(), ex);
		}
		String org = jwt.getClaimAsString(AccessTokenIssuer.CLAIM_ORG);
		if (orgPrefix.length() != 15 || !OrgIds.sameId(orgPrefix, org)) {
			throw new BadJwtException("The <orgId>! prefix does not name the org of the access token.");
		}
		return Jwt.withTokenValue(token)
			.headers((h) -> h.putAll(jwt.getHeaders()))
			.claims((c) -> c.putAll(jwt.getClaims()))
			.build();
	}

	private void forgetIfKeysChanged() {
		long version = this.keys.version();
		if (version != this.keysVersion) {
			this.keysVersion = version;
			this.verified.forgetAll();
		}
	}

	private static OAuth2TokenValidatorResult keyIdAndClaims(Jwt jwt) {
		if (jwt.getHeaders().get("kid") == null) {
			return invalid("The access token names no key (kid).");
		}
		for (String claim : List.of(AccessTokenIssuer.CLAIM_ORG, AccessTokenIssuer.CLAIM_USER_ID,
				AccessTokenIssuer.CLAIM_CLIENT_ID, AccessTokenIssuer.CLAIM_SCOPE, "sub")) {
			if (!(jwt.getClaims().get(claim) instanceof String)) {
				return invalid("The access token has no " + claim + " claim.");
			}
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult times(Jwt jwt, Instant now) {
		if (jwt.getExpiresAt() == null) {
			return invalid("The access token has no expiry.");
		}
		if (!now.isBefore(jwt.getExpiresAt())) {
			return invalid("The access token has expired.");
		}
		if (jwt.getNotBefore() != null && now.isBefore(jwt.getNotBefore())) {
			return invalid("The access token is not valid yet.");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult issuerAndAudience(Jwt jwt, Instant legacyUntil, Instant now) {
		Object issuer = jwt.getClaims().get("iss");
		List<String> audience = jwt.getAudience();
		if (issuer == null && (audience == null || audience.isEmpty()) && now.isBefore(legacyUntil)) {
			return OAuth2TokenValidatorResult.success();
		}
		if (!AccessTokenIssuer.ISSUER.equals(issuer)) {
			return invalid("The access token was not issued by this service.");
		}
		if (audience == null || !audience.contains(AccessTokenIssuer.AUDIENCE)) {
			return invalid("The access token is not meant for this API.");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult invalid(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
	}

}
