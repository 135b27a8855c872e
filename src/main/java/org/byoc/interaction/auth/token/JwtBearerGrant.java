package org.byoc.interaction.auth.token;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;

import org.byoc.interaction.contract.ContractFindings;
import org.byoc.interaction.contract.Leniency;
import org.byoc.interaction.setup.ConnectedApp;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * The OAuth 2.0 JWT-bearer grant (RFC 7523) as the vendor's login service runs it for connected apps: an RS256
 * assertion whose {@code iss} is a consumer key, signed with the key of that app's certificate, for a pre-authorized
 * user ({@code sub}) of the app's org, addressed to an accepted audience, not yet expired.
 */
public final class JwtBearerGrant {

	static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	/** The vendor's README tells partners to put milliseconds in {@code exp}; real seconds stay below this. */
	static final long MILLISECONDS_THRESHOLD = 1_000_000_000_000L;

	/** Tolerated clock difference between the partner's machine and ours. */
	static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	private final SetupDirectory directory;

	private final ServiceUrls urls;

	private final Clock clock;

	public JwtBearerGrant(SetupDirectory directory, ServiceUrls urls, Clock clock) {
		this.directory = directory;
		this.urls = urls;
		this.clock = clock;
	}

	Authorized authorize(String assertion) {
		SignedJWT jwt = rs256(assertion);
		JWTClaimsSet claims = claims(jwt);
		ConnectedApp app = connectedApp(claims.getIssuer());
		checkSignature(jwt, app);
		ContractFindings.org(app.orgId());
		Instant now = this.clock.instant();
		checkTimes(jwt.getPayload().toJSONObject(), now);
		checkAudience(claims.getAudience());
		return authorizedUser(app, claims.getSubject());
	}

	private static SignedJWT rs256(String assertion) {
		JWT jwt;
		try {
			jwt = JWTParser.parse(assertion.trim());
		}
		catch (ParseException ex) {
			throw OAuthException.invalidGrant("The assertion is not a well-formed JWT.",
					"unparsable assertion: " + ex.getMessage());
		}
		// Only RS256 with the app's certificate proves who signed: "none" proves nothing, and an HS* assertion
		// could be made with the (public) certificate as the secret.
		if (!(jwt instanceof SignedJWT signed) || !JWSAlgorithm.RS256.equals(signed.getHeader().getAlgorithm())) {
			throw OAuthException.invalidGrant("The assertion must be a JWT signed with RS256.",
					"assertion alg " + jwt.getHeader().getAlgorithm());
		}
		return signed;
	}

	private static JWTClaimsSet claims(SignedJWT jwt) {
		try {
			return jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw OAuthException.invalidGrant(
					"The assertion's payload is not a valid JWT claims set (iss, sub and aud must be strings; exp, iat "
							+ "and nbf numbers).",
					"assertion claims: " + ex.getMessage());
		}
	}

	private ConnectedApp connectedApp(String issuer) {
		if (issuer == null || issuer.isBlank()) {
			throw OAuthException
				.invalidGrant("The assertion has no iss claim; set it to the consumer key of your connected app.");
		}
		return this.directory.connectedApp(issuer)
			.orElseThrow(() -> OAuthException.invalidGrant(
					"The assertion's iss is not the consumer key of a known connected app.",
					"unknown iss " + loggable(issuer)));
	}

	private static void checkSignature(SignedJWT jwt, ConnectedApp app) {
		RSAPublicKey key = certificateKey(app);
		boolean valid;
		try {
			valid = jwt.verify(new RSASSAVerifier(key));
		}
		catch (JOSEException ex) {
			valid = false;
		}
		if (!valid) {
			throw OAuthException.invalidGrant(
					"The assertion's signature does not verify with the connected app's certificate.",
					"bad signature for app " + app.consumerKey());
		}
	}

	private static RSAPublicKey certificateKey(ConnectedApp app) {
		PublicKey key;
		try {
			key = CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(app.certificatePem().getBytes(StandardCharsets.US_ASCII)))
				.getPublicKey();
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw OAuthException.invalidGrant("The connected app's certificate cannot be read; check the setup.",
					"certificate of " + app.consumerKey() + ": " + ex);
		}
		if (key instanceof RSAPublicKey rsa) {
			return rsa;
		}
		throw OAuthException.invalidGrant("The connected app's certificate has no RSA key, so it cannot verify RS256.",
				"certificate of " + app.consumerKey() + " holds a " + key.getAlgorithm() + " key");
	}

	private static void checkTimes(Map<String, Object> payload, Instant now) {
		Instant expiry = epoch(payload, "exp");
		if (expiry == null) {
			throw OAuthException.invalidGrant("The assertion has no exp claim.");
		}
		if (payload.get("exp") instanceof Number exp && exp.longValue() > MILLISECONDS_THRESHOLD) {
			String detail = "the assertion's exp " + exp + " is in milliseconds";
			if (!ContractFindings.tolerated(Leniency.EXP_IN_MILLISECONDS, detail)) {
				throw OAuthException.invalidGrant(ContractFindings.strictMessage(Leniency.EXP_IN_MILLISECONDS, detail));
			}
		}
		if (!expiry.isAfter(now.minus(CLOCK_SKEW))) {
			throw OAuthException.invalidGrant("The assertion has expired: its exp is in the past.",
					"assertion exp " + expiry + ", now " + now);
		}
		Instant notBefore = epoch(payload, "nbf");
		if (notBefore != null && notBefore.isAfter(now.plus(CLOCK_SKEW))) {
			throw OAuthException.invalidGrant("The assertion is not valid yet: its nbf is in the future.");
		}
		Instant issuedAt = epoch(payload, "iat");
		if (issuedAt != null && issuedAt.isAfter(now.plus(CLOCK_SKEW))) {
			throw OAuthException.invalidGrant("The assertion's iat is in the future; check your clock.");
		}
	}

	/** Seconds since the epoch, or milliseconds when the value is too large to be seconds. */
	private static Instant epoch(Map<String, Object> payload, String claim) {
		Object value = payload.get(claim);
		if (value == null) {
			return null;
		}
		if (!(value instanceof Number number)) {
			throw OAuthException.invalidGrant("The assertion's " + claim + " must be a number.");
		}
		long raw = number.longValue();
		return (raw > MILLISECONDS_THRESHOLD) ? Instant.ofEpochMilli(raw) : Instant.ofEpochSecond(raw);
	}

	private void checkAudience(List<String> audiences) {
		if (audiences == null || audiences.isEmpty()) {
			throw OAuthException.invalidGrant("The assertion has no aud claim.");
		}
		if (audiences.stream().noneMatch(this.urls::isAcceptedAudience)) {
			throw OAuthException.invalidGrant("The assertion's aud is not accepted here. Accepted audiences: "
					+ String.join(", ", this.urls.acceptedAudiences()) + ".",
					"rejected aud " + loggable(String.valueOf(audiences)));
		}
	}

	private Authorized authorizedUser(ConnectedApp app, String username) {
		if (username == null || username.isBlank()) {
			throw OAuthException.invalidGrant("The assertion has no sub claim; set it to the username of a "
					+ "user pre-authorized for the connected app.");
		}
		Org org = this.directory.org(app.orgId())
			.orElseThrow(() -> OAuthException.invalidGrant("The connected app's org is not available.",
					"no org " + app.orgId() + " for app " + app.consumerKey()));
		if (!app.isPreAuthorized(username)) {
			throw OAuthException.invalidGrant("The user in sub is not pre-authorized for this connected app.",
					"sub " + loggable(username) + " not pre-authorized for " + app.consumerKey());
		}
		Org.AppUser user = org.userByUsername(username)
			.orElseThrow(() -> OAuthException.invalidGrant("The user in sub is not a user of the connected app's org.",
					"sub " + loggable(username) + " not a user of org " + org.id()));
		return new Authorized(org, user, app);
	}

	/**
	 * A caller's claim as it may appear in our log: at most 100 characters, control characters (new lines that would
	 * forge log lines, terminal escapes) shown as '?'.
	 */
	public static String loggable(String claim) {
		String shown = (claim.length() > 100) ? claim.substring(0, 100) + "..." : claim;
		return '"' + shown.replaceAll("\\p{Cntrl}", "?") + '"';
	}

	record Authorized(Org org, Org.AppUser user, ConnectedApp app) {
	}

}
