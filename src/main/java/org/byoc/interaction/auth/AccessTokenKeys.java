package org.byoc.interaction.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret keys that sign and verify access tokens, kept as a JWK set file so that every node pointing at the
 * same file accepts the others' tokens. The first key signs; every key verifies (by {@code kid}), which lets an
 * operator rotate by putting a new key first and removing the old one after the token lifetime has passed.
 */
final class AccessTokenKeys {

	private static final Logger log = LoggerFactory.getLogger(AccessTokenKeys.class);

	/** 512 bits: well above HS256's 256-bit minimum. */
	private static final int SECRET_BYTES = 64;

	private final OctetSequenceKey signingKey;

	private final List<OctetSequenceKey> verificationKeys;

	private AccessTokenKeys(List<OctetSequenceKey> keys) {
		this.signingKey = keys.get(0);
		this.verificationKeys = List.copyOf(keys);
	}

	static AccessTokenKeys loadOrCreate(Path file) {
		try {
			if (!Files.exists(file)) {
				create(file);
			}
			return load(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the access-token signing key file " + file, ex);
		}
	}

	OctetSequenceKey signingKey() {
		return this.signingKey;
	}

	Optional<OctetSequenceKey> verificationKey(String keyId) {
		return this.verificationKeys.stream().filter((k) -> k.getKeyID().equals(keyId)).findFirst();
	}

	private static AccessTokenKeys load(Path file) throws IOException {
		JWKSet set;
		try {
			set = JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (ParseException ex) {
			throw new IllegalStateException("The access-token signing key file " + file
					+ " is not a JWK set (expected {\"keys\":[{\"kty\":\"oct\",\"kid\":...,\"k\":...}]})", ex);
		}
		List<OctetSequenceKey> keys = set.getKeys()
			.stream()
			.filter(OctetSequenceKey.class::isInstance)
			.map(OctetSequenceKey.class::cast)
			.toList();
		if (keys.isEmpty() || keys.size() != set.getKeys().size()) {
			throw new IllegalStateException(
					"The access-token signing key file " + file + " must hold only symmetric (\"kty\":\"oct\") keys");
		}
		for (OctetSequenceKey key : keys) {
			if (key.getKeyID() == null || key.getKeyID().isBlank()) {
				throw new IllegalStateException("Every key in " + file + " needs a \"kid\"");
			}
			if (key.size() < 256) {
				throw new IllegalStateException("Key " + key.getKeyID() + " in " + file + " is shorter than 256 bits");
			}
		}
		return new AccessTokenKeys(keys);
	}

	/**
	 * Writes a fresh key to a private temporary file, then links it into place. If another node got there first,
	 * its key wins and ours is dropped, so all nodes end up on the same key.
	 */
	private static void create(Path file) throws IOException {
		Path dir = file.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		Path tmp = Files.createTempFile(dir, ".access-token-key", ".tmp");
		try {
			restrictToOwner(tmp);
			Files.writeString(tmp, newKeySetJson(), StandardCharsets.UTF_8);
			try {
				Files.createLink(file, tmp);
			}
			catch (FileAlreadyExistsException otherNodeWasFirst) {
				return;
			}
			catch (UnsupportedOperationException | IOException noHardLinks) {
				try {
					Files.move(tmp, file);
				}
				catch (FileAlreadyExistsException otherNodeWasFirst) {
					return;
				}
			}
			log.info("Generated the access-token signing key {}", file);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	private static String newKeySetJson() {
		byte[] secret = new byte[SECRET_BYTES];
		byte[] kid = new byte[9];
		SecureRandom random = new SecureRandom();
		random.nextBytes(secret);
		random.nextBytes(kid);
		JWK key = new OctetSequenceKey.Builder(secret).keyID(Base64.getUrlEncoder().withoutPadding().encodeToString(kid))
			.algorithm(JWSAlgorithm.HS256)
			.keyUse(KeyUse.SIGNATURE)
			.build();
		// toJSONObject(false) keeps the secret "k"; the public-only form would drop it.
		return JSONObjectUtils.toJSONString(new JWKSet(key).toJSONObject(false)) + "\n";
	}

	private static void restrictToOwner(Path path) throws IOException {
		try {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system (Windows): the temp file already is private to the user there.
		}
	}

}
