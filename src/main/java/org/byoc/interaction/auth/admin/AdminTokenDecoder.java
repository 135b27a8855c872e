package org.byoc.interaction.auth.admin;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import org.byoc.interaction.auth.token.RevokedTokens;
import org.byoc.interaction.auth.token.VerifiedTokens;

/**
 * The resource-server decoder of admin tokens: RS256 JWTs minted by {@code generate_admin_key.sh} with
 * {@code sub=admin}, {@code scope=admin} and an expiry, signed by the private half of a trusted admin public key
 * (by {@code kid} when the token names one; an unknown {@code kid} is refused). The checks run in this order, each
 * refusal with a message an operator can act on: a usable key file, a signed JWT, RS256 (so an HS token made with the
 * public key as secret never verifies), a known key, the signature, an expiry, not expired (30 s of clock difference
 * between the minting machine and this one are tolerated), not before its {@code nbf}, issuer and audience if present,
 * the admin subject and scope. A token signed out of the console is refused until it expires. A verified token is
 * remembered ({@link VerifiedTokens}): an admin client sends the same one with every call, and checking its RSA
 * signature and converting its claims was a fifth of an agent reply's CPU; its sign-out and expiry are checked on
 * every use all the same.
 */
public final class AdminTokenDecoder implements JwtDecoder {

	static final String ADMIN = "admin";

	/** The {@code iss} the script writes; tokens from before it wrote one have none. */
	static final String ISSUER = "urn:byoc:interaction-service:admin-key";

	/** The {@code aud} the script writes: the management port. */
	static final String AUDIENCE = "urn:byoc:interaction-service:management";

	/** Tolerated clock difference between the machine that minted the token and this one. */
	static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	static final String UNTRUSTED_KEY = "The admin token was not signed with the admin key this service trusts.";

	private final AdminPublicKeys keys;

	private final Clock clock;

	private final RevokedTokens revoked;

	private volatile Verifier verifier;

	public AdminTokenDecoder(AdminPublicKeys keys, Clock clock, RevokedTokens revoked) {
		this.keys = keys;
		this.clock = clock;
		this.revoked = revoked;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		List<JWK> trusted;
		try {
			trusted = this.keys.keys();
		}
		catch (IllegalStateException noKey) {
			throw new BadJwtException(noKey.getMessage());
		}
		Verifier verifier = verifier(trusted);
		Jwt remembered = verifier.verified().get(token);
		if (remembered != null) {
			return stillValid(token, remembered, verifier.verified());
		}
		JWSHeader header = signedHeader(token);
		if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
			throw new BadJwtException("The admin token must be signed with RS256.");
		}
		if (header.getKeyID() != null && trusted.stream().noneMatch((k) -> header.getKeyID().equals(k.getKeyID()))) {
			throw new BadJwtException(UNTRUSTED_KEY);
		}
		requireNotSignedOut(token);
		Jwt jwt;
		try {
			jwt = verifier.decoder().decode(token);
		}
		catch (JwtValidationException invalid) {
			throw new BadJwtException(invalid.getErrors().iterator().next().getDescription(), invalid);
		}
		catch (JwtException | IllegalArgumentException badSignature) {
			throw new BadJwtException(UNTRUSTED_KEY, badSignature);
		}
		verifier.verified().remember(token, jwt, this.clock.instant());
		return jwt;
	}

	/** A token verified before by the same keys: only what can change since (sign-out, expiry) is checked again. */
	private Jwt stillValid(String token, Jwt remembered, VerifiedTokens verified) {
		requireNotSignedOut(token);
		OAuth2TokenValidatorResult times = times(remembered);
		if (times.hasErrors()) {
			verified.forget(token);
			throw new BadJwtException(times.getErrors().iterator().next().getDescription());
		}
		return remembered;
	}

	private void requireNotSignedOut(String token) {
		if (this.revoked.isRevoked(token)) {
			throw new BadJwtException("The admin token was signed out of the console; run ./" + AdminPublicKeys.SCRIPT
					+ " for a new one.");
		}
	}

	private static JWSHeader signedHeader(String token) {
		try {
			JWT jwt = JWTParser.parse(token.strip());
			if (jwt instanceof SignedJWT signed) {
				return signed.getHeader();
			}
		}
		catch (ParseException ex) {
			// answered below
		}
		throw new BadJwtException("The admin token is not a signed JWT.");
	}

	/**
	 * One Nimbus decoder per set of trusted keys, with the tokens it verified, built again (forgetting them) when the
	 * key file changes.
	 */
	private Verifier verifier(List<JWK> trusted) {
		Verifier current = this.verifier;
		if (current == null || current.keys() != trusted) {
			DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
			JWKSet set = new JWKSet(trusted);
			processor.setJWSKeySelector(new JWSVerificationKeySelector<SecurityContext>(JWSAlgorithm.RS256,
					(selector, context) -> selector.select(set)));
			processor.setJWTClaimsSetVerifier((claims, context) -> {
			});
			NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
			decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(this::times,
					AdminTokenDecoder::issuerAndAudience, AdminTokenDecoder::adminSubjectAndScope)));
			current = new Verifier(trusted, decoder, new VerifiedTokens());
			this.verifier = current;
		}
		return current;
	}

	private OAuth2TokenValidatorResult times(Jwt jwt) {
		Instant now = this.clock.instant();
		if (jwt.getExpiresAt() == null) {
			return invalid("The admin token has no expiry (exp).");
		}
		if (!jwt.getExpiresAt().plus(CLOCK_SKEW).isAfter(now)) {
			return invalid("The admin token has expired; run ./" + AdminPublicKeys.SCRIPT + " for a new one.");
		}
		if (jwt.getNotBefore() != null && jwt.getNotBefore().isAfter(now.plus(CLOCK_SKEW))) {
			return invalid("The admin token is not valid yet (nbf).");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult issuerAndAudience(Jwt jwt) {
		Object issuer = jwt.getClaims().get("iss");
		if (issuer != null && !ISSUER.equals(issuer)) {
			return invalid("The admin token was issued for another service (iss).");
		}
		List<String> audience = jwt.getAudience();
		if (audience != null && !audience.isEmpty() && !audience.contains(AUDIENCE)) {
			return invalid("The admin token is meant for another service (aud).");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult adminSubjectAndScope(Jwt jwt) {
		Object scope = jwt.getClaims().get("scope");
		boolean adminScope = (scope instanceof String text) ? List.of(text.trim().split("\\s+")).contains(ADMIN)
				: scope instanceof List<?> list && list.contains(ADMIN);
		if (!ADMIN.equals(jwt.getSubject()) || !adminScope) {
			return invalid("The token is not an admin token (it needs sub 'admin' and scope 'admin').");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult invalid(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
	}

	private record Verifier(List<JWK> keys, NimbusJwtDecoder decoder, VerifiedTokens verified) {
	}

}
