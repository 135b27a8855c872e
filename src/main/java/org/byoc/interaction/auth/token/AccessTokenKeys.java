package org.byoc.interaction.auth.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

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
 * same file (a shared directory or the same mounted secret) accepts the others' tokens. The first key signs; every
 * key verifies its own tokens, found by {@code kid}. A key with an {@code exp} only verifies, and only until then:
 * {@link #rotate} puts a new key first and gives the old one an {@code exp} one token lifetime ahead, so no live
 * token is cut off. The file is read again when it changes, so a rotation on one node reaches the others without a
 * restart.
 */
public final class AccessTokenKeys {

	private static final Logger log = LoggerFactory.getLogger(AccessTokenKeys.class);

	/** 512 bits: well above HS256's 256-bit minimum. */
	private static final int SECRET_BYTES = 64;

	/** How often a request may look at the file's modification time. */
	private static final Duration RECHECK = Duration.ofSeconds(1);

	private final Path file;

	private final Clock clock;

	private volatile Loaded loaded;

	private AccessTokenKeys(Path file, Clock clock, Loaded loaded) {
		this.file = file;
		this.clock = clock;
		this.loaded = loaded;
	}

	public static AccessTokenKeys loadOrCreate(Path file) {
		return loadOrCreate(file, Clock.systemUTC());
	}

	public static AccessTokenKeys loadOrCreate(Path file, Clock clock) {
		try {
			if (!Files.exists(file)) {
				create(file);
			}
			return new AccessTokenKeys(file, clock, load(file, clock.instant()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the access-token signing key file " + file, ex);
		}
	}

	Path file() {
		return this.file;
	}

	/** The key new tokens are signed with: the first of the file. */
	public OctetSequenceKey signingKey() {
		return current().keys().get(0);
	}

	/** The keys that still verify tokens now: the signing key and retired keys whose {@code exp} is ahead. */
	public List<JWK> verificationKeys() {
		Instant now = this.clock.instant();
		return current().keys().stream().filter((key) -> !retiredBy(key, now)).map(JWK.class::cast).toList();
	}

	/** Changes whenever the file's keys change; lets caches of verified tokens start afresh. */
	long version() {
		return current().modified().toMillis() ^ current().keys().hashCode();
	}

	/**
	 * Puts a fresh key first (it signs from now on) and keeps the previous ones for verification until
	 * {@code tokenLifetime} from now, when the last token they signed has expired. Keys retired earlier and already
	 * past their {@code exp} are dropped from the file.
	 * @return the new key's id
	 */
	public synchronized String rotate(Duration tokenLifetime) {
		Instant now = this.clock.instant();
		Loaded before = current();
		List<JWK> keys = new ArrayList<>();
		OctetSequenceKey fresh = newKey(now);
		keys.add(fresh);
		for (OctetSequenceKey key : before.keys()) {
			if (retiredBy(key, now)) {
				continue;
			}
			keys.add((key.getExpirationTime() != null) ? key
					: new OctetSequenceKey.Builder(key).expirationTime(Date.from(now.plus(tokenLifetime))).build());
		}
		try {
			write(this.file, keys);
			this.loaded = load(this.file, now);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the rotated access-token key file " + this.file, ex);
		}
		log.info("Rotated the access-token signing key in {}: {} signs now; {} verifies until {}", this.file,
				fresh.getKeyID(), before.keys().get(0).getKeyID(), now.plus(tokenLifetime));
		return fresh.getKeyID();
	}

	private static boolean retiredBy(OctetSequenceKey key, Instant now) {
		return key.getExpirationTime() != null && !now.isBefore(key.getExpirationTime().toInstant());
	}

	private Loaded current() {
		Loaded current = this.loaded;
		Instant now = this.clock.instant();
		if (now.isBefore(current.checkedAt().plus(RECHECK))) {
			return current;
		}
		try {
			FileTime modified = Files.getLastModifiedTime(this.file);
			current = modified.equals(current.modified()) ? current.checked(now) : load(this.file, now);
			if (!modified.equals(this.loaded.modified())) {
				log.info("Reloaded the access-token keys from {} (signing key {})", this.file,
						current.keys().get(0).getKeyID());
			}
		}
		catch (IOException | RuntimeException ex) {
			// a file half-written by an operator must not stop the service: keep what verified until now
			log.warn("Cannot reload the access-token keys from {}; keeping the loaded ones: {}", this.file,
					ex.toString());
			current = current.checked(now);
		}
		this.loaded = current;
		return current;
	}

	private static Loaded load(Path file, Instant now) throws IOException {
		FileTime modified = Files.getLastModifiedTime(file);
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
		if (keys.get(0).getExpirationTime() != null) {
			throw new IllegalStateException("The first key of " + file + " signs new tokens, so it must not have an "
					+ "\"exp\"; put the new key first");
		}
		return new Loaded(List.copyOf(keys), modified, now);
	}

	/**
	 * Writes a fresh key to a private temporary file, then links it into place. If another node got there first,
	 * its key wins and ours is dropped, so all nodes end up on the same key.
	 */
	private static void create(Path file) throws IOException {
		Path dir = file.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		Path tmp = privateTempFile(dir, List.of(newKey(null)));
		try {
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

	/** Replaces the file in one step, so a node reading it meanwhile sees the old or the new set, never half. */
	private static void write(Path file, List<JWK> keys) throws IOException {
		Path tmp = privateTempFile(file.toAbsolutePath().getParent(), keys);
		try {
			Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	private static Path privateTempFile(Path dir, List<JWK> keys) throws IOException {
		Path tmp = Files.createTempFile(dir, ".access-token-key", ".tmp");
		restrictToOwner(tmp);
		// toJSONObject(false) keeps the secret "k"; the public-only form would drop it.
		Files.writeString(tmp, JSONObjectUtils.toJSONString(new JWKSet(keys).toJSONObject(false)) + "\n",
				StandardCharsets.UTF_8);
		return tmp;
	}

	private static OctetSequenceKey newKey(Instant issuedAt) {
		byte[] secret = new byte[SECRET_BYTES];
		byte[] kid = new byte[9];
		SecureRandom random = new SecureRandom();
		random.nextBytes(secret);
		random.nextBytes(kid);
		OctetSequenceKey.Builder key = new OctetSequenceKey.Builder(secret)
			.keyID(Base64.getUrlEncoder().withoutPadding().encodeToString(kid))
			.algorithm(JWSAlgorithm.HS256)
			.keyUse(KeyUse.SIGNATURE);
		if (issuedAt != null) {
			key.issueTime(Date.from(issuedAt));
		}
		return key.build();
	}

	private static void restrictToOwner(Path path) throws IOException {
		try {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system (Windows): the temp file already is private to the user there.
		}
	}

	private record Loaded(List<OctetSequenceKey> keys, FileTime modified, Instant checkedAt) {

		Loaded checked(Instant now) {
			return new Loaded(this.keys, this.modified, now);
		}

	}

}
