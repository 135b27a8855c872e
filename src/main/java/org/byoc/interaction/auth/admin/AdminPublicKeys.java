package org.byoc.interaction.auth.admin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin public keys the service trusts: the file {@code generate_admin_key.sh} writes ({@code admin_public.pem}),
 * holding one PEM public key or certificate, or several after a rotation (the script's {@code --rotate} adds the new
 * key and keeps the old one until the operator removes it). Each key's id is the base64url SHA-256 of its DER
 * encoding, as the script puts it into the tokens' {@code kid}.
 * <p>
 * The file is read lazily and again when it changes, so an operator who runs the script after the service started
 * does not have to restart it; an unusable file is remembered too, so it is reported once per change.
 */
public final class AdminPublicKeys {

	static final String SCRIPT = "generate_admin_key.sh";

	private static final Logger log = LoggerFactory.getLogger(AdminPublicKeys.class);

	private static final Pattern PEM = Pattern
		.compile("-----BEGIN (PUBLIC KEY|CERTIFICATE)-----([^-]*)-----END (?:PUBLIC KEY|CERTIFICATE)-----");

	private final Path file;

	private volatile Loaded loaded;

	public AdminPublicKeys(Path file) {
		this.file = file;
	}

	/**
	 * The keys as {@code kid}-named JWKs, read again if the file changed.
	 * @throws IllegalStateException with a message for the operator (naming the script) when there is no usable key
	 */
	List<JWK> keys() {
		FileTime modified;
		try {
			modified = Files.getLastModifiedTime(this.file);
		}
		catch (IOException ex) {
			throw new IllegalStateException("No admin public key found at " + this.file
					+ " (property interactionservice.admin.public-key). Run ./" + SCRIPT
					+ " to create the admin key pair and print an admin token, then retry.");
		}
		Loaded current = this.loaded;
		if (current == null || !current.modified().equals(modified)) {
			current = new Loaded(modified, read(this.file));
			this.loaded = current;
		}
		if (current.keys().isEmpty()) {
			throw new IllegalStateException("The admin public key at " + this.file + " is not a PEM RSA public key. "
					+ "Move it away and run ./" + SCRIPT + " to create a new key pair.");
		}
		return current.keys();
	}

	/** Whether a usable key is there now; the message of {@link #keys()} says what is wrong otherwise. */
	String problem() {
		try {
			keys();
			return null;
		}
		catch (IllegalStateException ex) {
			return ex.getMessage();
		}
	}

	static String keyId(PublicKey key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<JWK> read(Path file) {
		List<JWK> keys = new ArrayList<>();
		try {
			Matcher blocks = PEM.matcher(Files.readString(file, StandardCharsets.US_ASCII));
			while (blocks.find()) {
				PublicKey key = parse(blocks.group(1), blocks.group(2));
				if (key instanceof RSAPublicKey rsa) {
					keys.add(new RSAKey.Builder(rsa).keyID(keyId(rsa))
						.algorithm(JWSAlgorithm.RS256)
						.keyUse(KeyUse.SIGNATURE)
						.build());
				}
				else {
					log.warn("Skipping a key in the admin public key file {} that is not an RSA key", file);
				}
			}
		}
		catch (IOException | GeneralSecurityException | IllegalArgumentException ex) {
			log.warn("Cannot read the admin public key {}: {}", file, ex.toString());
			return List.of();
		}
		if (keys.isEmpty()) {
			log.warn("The admin public key file {} holds no PEM RSA public key", file);
		}
		return List.copyOf(keys);
	}

	private static PublicKey parse(String type, String base64) throws GeneralSecurityException {
		byte[] der = Base64.getMimeDecoder().decode(base64);
		if (type.equals("CERTIFICATE")) {
			return CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der))
				.getPublicKey();
		}
		return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
	}

	private record Loaded(FileTime modified, List<JWK> keys) {
	}

}
