package org.byoc.interaction.attachment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Detects a file's type from its first bytes only (Tika's magic database; the client's file name and declared
 * type play no part) and checks it against the contract's allowlist.
 */
final class ContentTypes {

	/** The contract's supported MIME types (§B1). */
	static final Set<String> ALLOWED = Set.of("image/jpeg", "image/gif", "image/bmp", "image/png", "application/pdf",
			"video/3gpp2", "audio/3gpp2", "video/3gpp", "audio/3gpp", "video/mpeg", "audio/mpeg", "video/mp4",
			"audio/mp4");

	/** Bytes of the head Tika looks at; also the size of the head buffer. */
	static final int HEAD_SIZE = Math.min(MimeTypes.getDefaultMimeTypes().getMinLength(), 64 * 1024);

	private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();

	private final MediaTypeRegistry registry = this.mimeTypes.getMediaTypeRegistry();

	/**
	 * The allowlisted type of the content whose first bytes are given, or empty when the type cannot be determined
	 * or is not allowed. A specialisation of an allowed type (for example an M4V file, a kind of MP4) is answered
	 * as the allowed type it belongs to.
	 */
	Optional<String> allowedType(byte[] head, int length) {
		MediaType type = detect(head, length);
		while (type != null) {
			String base = type.getBaseType().toString();
			if (ALLOWED.contains(base)) {
				return Optional.of(base);
			}
			type = this.registry.getSupertype(type.getBaseType());
		}
		return Optional.empty();
	}

	/** What Tika sees in the bytes, for messages and logs. */
	String detectedName(byte[] head, int length) {
		return detect(head, length).getBaseType().toString();
	}

	private MediaType detect(byte[] head, int length) {
		try {
			return this.mimeTypes.detect(new ByteArrayInputStream(head, 0, length), new Metadata());
		}
		catch (IOException ex) {
			// cannot happen on an in-memory stream
			throw new UncheckedIOException(ex);
		}
	}

}
