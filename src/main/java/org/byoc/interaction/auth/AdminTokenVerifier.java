package org.byoc.interaction.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.byoc.interaction.web.ErrorCode;
import org.byoc.interaction.web.InteractionApiException;

/**
 * Checks admin tokens: RS256 JWTs minted by {@code generate_admin_key.sh} with {@code sub=admin},
 * {@code scope=admin} and an expiry, signed by the private half of the configured admin public key.
 * <p>
 * The key file is read lazily and re-read when it changes, so an operator who runs the script after the service
 * started does not have to restart it.
 */
public final class AdminTokenVerifier {

	static final String SCRIPT = "generate_admin_key.sh";

	static final String ADMIN = "admin";

	/** Tolerated clock difference between the machine that minted the token and this one. */
	static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	private static final Logger log = LoggerFactory.getLogger(AdminTokenVerifier.class);

	private static final String BEARER = "Bearer ";

	private final Path publicKeyFile;

	private final Clock clock;

	private volatile LoadedKey loaded;

	public AdminTokenVerifier(Path publicKeyFile, Clock clock) {
		this.publicKeyFile = publicKeyFile;
		this.clock = clock;
	}

	/**
	 * Accepts the value of an {@code Authorization} header if it carries a valid admin token.
	 * @throws InteractionApiException with {@link ErrorCode#ADMIN_TOKEN_INVALID} otherwise
	 */
	public void verify(String authorizationHeader) {
		RSAPublicKey key = currentKey();
		if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())
				|| authorizationHeader.substring(BEARER.length()).isBlank()) {
			throw refused("An admin token is required: send 'Authorization: Bearer <token>' (./" + SCRIPT
					+ " prints one).");
		}
		String token = authorizationHeader.substring(BEARER.length()).strip();
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(token);
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw refused("The admin token is not a signed JWT.");
		}
		if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
			throw refused("The admin token must be signed with RS256.");
		}
		if (!signatureMatches(jwt, key)) {
			throw refused("The admin token was not signed with the admin key this service trusts.");
		}
		Date expiry = claims.getExpirationTime();
		if (expiry == null) {
			throw refused("The admin token has no expiry (exp).");
		}
		if (!expiry.toInstant().plus(CLOCK_SKEW).isAfter(this.clock.instant())) {
			throw refused("The admin token has expired; run ./" + SCRIPT + " for a new one.");
		}
		if (!ADMIN.equals(claims.getSubject()) || !hasAdminScope(claims)) {
			throw refused("The token is not an admin token (it needs sub 'admin' and scope 'admin').");
		}
	}

	private static boolean signatureMatches(SignedJWT jwt, RSAPublicKey key) {
		try {
			return jwt.verify(new RSASSAVerifier(key));
		}
		catch (JOSEException ex) {
			return false;
		}
	}

	private static boolean hasAdminScope(JWTClaimsSet claims) {
		Object scope = claims.getClaim("scope");
		if (scope instanceof String text) {
			return List.of(text.trim().split("\\s+")).contains(ADMIN);
		}
		return scope instanceof List<?> list && list.contains(ADMIN);
	}

	private RSAPublicKey currentKey() {
		FileTime modified;
		try {
			modified = Files.getLastModifiedTime(this.publicKeyFile);
		}
		catch (IOException ex) {
			throw refused("No admin public key found at " + this.publicKeyFile
					+ " (property interactionservice.admin.public-key). Run ./" + SCRIPT
					+ " to create the admin key pair and print an admin token, then retry.");
		}
		LoadedKey current = this.loaded;
		if (current == null || !current.modified().equals(modified)) {
			// an unusable file is remembered too, so it is reported once per change, not on every request
			current = new LoadedKey(modified, read(this.publicKeyFile));
			this.loaded = current;
		}
		if (current.key() == null) {
			throw refused("The admin public key at " + this.publicKeyFile + " is not a PEM RSA public key. Move it "
					+ "away and run ./" + SCRIPT + " to create a new key pair.");
		}
		return current.key();
	}

	private static RSAPublicKey read(Path file) {
		try {
			PublicKey key = parsePem(Files.readString(file, StandardCharsets.US_ASCII));
			if (key instanceof RSAPublicKey rsa) {
				return rsa;
			}
			log.warn("The admin public key {} is not an RSA key", file);
		}
		catch (IOException | GeneralSecurityException | IllegalArgumentException ex) {
			log.warn("Cannot read the admin public key {}: {}", file, ex.toString());
		}
		return null;
	}

	/** A PEM "PUBLIC KEY" (what openssl writes) or a PEM certificate carrying the key. */
	private static PublicKey parsePem(String pem) throws GeneralSecurityException {
		if (pem.contains("-----BEGIN CERTIFICATE-----")) {
			return CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
				.getPublicKey();
		}
		String begin = "-----BEGIN PUBLIC KEY-----";
		String end = "-----END PUBLIC KEY-----";
		int from = pem.indexOf(begin);
		int to = pem.indexOf(end);
		if (from < 0 || to < from) {
			throw new IllegalArgumentException("no PUBLIC KEY block");
		}
		byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
		return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
	}

	private static InteractionApiException refused(String message) {
		return ErrorCode.ADMIN_TOKEN_INVALID.exception(message);
	}

	private record LoadedKey(FileTime modified, RSAPublicKey key) {
	}

}
