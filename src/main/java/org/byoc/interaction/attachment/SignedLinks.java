package org.byoc.interaction.attachment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Expiring download links for files we serve ourselves: {@code /files/{id}?expires=<epoch s>&signature=<HMAC>}.
 * The HMAC key is generated into the data directory on first start, so links survive restarts.
 */
final class SignedLinks {

	static final String PATH = "/files/";

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	private final Supplier<String> baseUrl;

	private final Duration ttl;

	private final Clock clock;

	SignedLinks(byte[] key, Supplier<String> baseUrl, Duration ttl, Clock clock) {
		this.key = new SecretKeySpec(key, ALGORITHM);
		this.baseUrl = baseUrl;
		this.ttl = ttl;
		this.clock = clock;
	}

	/** Reads the key file, creating it with a fresh random key (owner-only where the filesystem allows) if absent. */
	static byte[] loadOrCreateKey(Path keyFile) {
		try {
			if (Files.exists(keyFile)) {
				return readKey(keyFile);
			}
			Files.createDirectories(keyFile.getParent());
			byte[] key = new byte[32];
			new SecureRandom().nextBytes(key);
			Path temp = Files.createTempFile(keyFile.getParent(), "link-key-", ".tmp");
			try {
				restrictToOwner(temp);
				Files.write(temp, Base64.getEncoder().encode(key), StandardOpenOption.TRUNCATE_EXISTING);
				try {
					Files.move(temp, keyFile);
				}
				catch (FileAlreadyExistsException ex) {
					// another node or start won the race; use its key
					return readKey(keyFile);
				}
			}
			finally {
				Files.deleteIfExists(temp);
			}
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the download link key " + keyFile, ex);
		}
	}

	URI link(UUID attachmentId) {
		long expires = this.clock.instant().plus(this.ttl).getEpochSecond();
		String base = this.baseUrl.get();
		if (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		return URI.create(base + PATH + attachmentId + "?expires=" + expires + "&signature="
				+ signature(attachmentId.toString(), expires));
	}

	/** Whether the link parameters were made by us for this id and have not expired. */
	boolean isValid(String attachmentId, String expires, String signature) {
		if (attachmentId == null || expires == null || signature == null) {
			return false;
		}
		long expiresAt;
		try {
			expiresAt = Long.parseLong(expires);
		}
		catch (NumberFormatException ex) {
			return false;
		}
		if (expiresAt < this.clock.instant().getEpochSecond()) {
			return false;
		}
		byte[] expected = signature(attachmentId, expiresAt).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
	}

	private String signature(String attachmentId, long expires) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			byte[] digest = mac.doFinal((attachmentId + ":" + expires).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every JDK has " + ALGORITHM, ex);
		}
	}

	private static byte[] readKey(Path keyFile) throws IOException {
		byte[] key = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
		if (key.length < 32) {
			throw new IllegalStateException("The download link key " + keyFile + " is shorter than 32 bytes");
		}
		return key;
	}

	private static void restrictToOwner(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX filesystem: rely on the data directory's own protection
		}
	}

}
