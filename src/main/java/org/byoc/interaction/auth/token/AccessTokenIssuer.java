package org.byoc.interaction.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.byoc.interaction.setup.ConnectedApp;
import org.byoc.interaction.setup.Org;

/**
 * Issues self-contained access tokens: {@code <orgId15>!<JWT>}, the JWT ({@code typ: at+jwt}) signed with the
 * service's current HS256 key and naming it by {@code kid}, with this service as issuer and the partner API as
 * audience. Nothing is stored, so issuing a token never revokes an earlier one and any node holding the key set can
 * verify it.
 */
public final class AccessTokenIssuer {

	static final JOSEObjectType TOKEN_TYPE = new JOSEObjectType("at+jwt");

	/** The {@code iss} of every access token: this service, the same on every node. */
	public static final String ISSUER = "urn:byoc:interaction-service";

	/** The {@code aud} of every access token: the partner-facing API (HTTP, Pub/Sub, userinfo). */
	public static final String AUDIENCE = "urn:byoc:interaction-service:partner-api";

	static final String CLAIM_ORG = "org";

	static final String CLAIM_USER_ID = "uid";

	static final String CLAIM_CLIENT_ID = "client_id";

	static final String CLAIM_SCOPE = "scope";

	private final AccessTokenKeys keys;

	private final Duration lifetime;

	private final Clock clock;

	public AccessTokenIssuer(AccessTokenKeys keys, Duration lifetime, Clock clock) {
		if (lifetime.isNegative() || lifetime.isZero()) {
			throw new IllegalArgumentException("interactionservice.auth.token-lifetime must be positive");
		}
		this.keys = keys;
		this.lifetime = lifetime;
		this.clock = clock;
	}

	public IssuedToken issue(Org org, Org.AppUser user, ConnectedApp app) {
		// JWT dates have second precision; truncating keeps issued_at and the token's iat equal.
		Instant issuedAt = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Instant expiresAt = issuedAt.plus(this.lifetime);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(AUDIENCE)
			.subject(user.username())
			.claim(CLAIM_ORG, org.id())
			.claim(CLAIM_USER_ID, user.id())
			.claim(CLAIM_CLIENT_ID, app.consumerKey())
			.claim(CLAIM_SCOPE, String.join(" ", app.scopes()))
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(expiresAt))
			.jwtID(UUID.randomUUID().toString())
			.build();
		OctetSequenceKey key = this.keys.signingKey();
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(TOKEN_TYPE).keyID(key.getKeyID()).build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(new MACSigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign an access token", ex);
		}
		return new IssuedToken(org.key() + "!" + jwt.serialize(), issuedAt, expiresAt);
	}

	public record IssuedToken(String accessToken, Instant issuedAt, Instant expiresAt) {
	}

}
