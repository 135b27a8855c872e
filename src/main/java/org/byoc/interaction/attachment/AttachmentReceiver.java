package org.byoc.interaction.attachment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.byoc.interaction.contract.ContractFindings;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.InteractionApiException;

/**
 * Applies the contract's attachment rules while streaming a file into the store. Memory use is one head buffer
 * for type detection plus the store's own fixed buffers, whatever the file's size. Every refusal and every store
 * failure deletes what was written.
 */
final class AttachmentReceiver {

	private static final Logger log = LoggerFactory.getLogger(AttachmentReceiver.class);

	private static final int MAX_NAME_LENGTH = 255;

	private final AttachmentStore store;

	private final ContentTypes contentTypes;

	private final long maxSize;

	private final String keyPrefix;

	private final Clock clock;

	AttachmentReceiver(AttachmentStore store, ContentTypes contentTypes, long maxSize, String keyPrefix, Clock clock) {
		this.store = store;
		this.contentTypes = contentTypes;
		this.maxSize = maxSize;
		this.keyPrefix = keyPrefix;
		this.clock = clock;
	}

	StoredAttachment receive(AttachmentUpload upload, InputStream content) {
		long declared = upload.declaredContentLength();
		long partSize = upload.partSize();
		// The multipart layer has already counted a spooled part: refuse what we can before writing anything.
		if (partSize == 0) {
			throw ErrorCode.FILE_DATA_EMPTY_ERROR.exception();
		}
		if (partSize > this.maxSize) {
			throw tooLarge(partSize + " bytes");
		}
		if (partSize > 0 && declared != partSize) {
			throw lengthMismatch(declared, partSize + " bytes");
		}
		byte[] head = new byte[ContentTypes.HEAD_SIZE];
		int headLength = readHead(content, head);
		if (headLength == 0) {
			throw ErrorCode.FILE_DATA_EMPTY_ERROR.exception();
		}
		if (partSize < 0) {
			refuseUnknownSizeEarly(declared, headLength, content);
		}
		String mimeType = this.contentTypes.allowedType(head, headLength)
			.orElseThrow(() -> ErrorCode.MIME_TYPE_INVALID.exception("The file's content type ("
					+ this.contentTypes.detectedName(head, headLength) + ") is not supported. Supported types: "
					+ String.join(", ", ContentTypes.ALLOWED.stream().sorted().toList()) + "."));
		long expected = (partSize > 0) ? partSize : declared;
		String key = key(upload);
		MeteredInputStream metered = new MeteredInputStream(
				new SequenceInputStream(new ByteArrayInputStream(head, 0, headLength), content), expected);
		try {
			String injected = ContractFindings.injectedStoreFailure(upload.conversationId().toString());
			if (injected != null) {
				// the same path as a store that is down: nothing is stored, the caller writes no record
				throw new AttachmentStoreException("The test kit's fault " + injected + " failed this store", null);
			}
			this.store.put(key, metered, expected, mimeType);
		}
		catch (RuntimeException ex) {
			deleteQuietly(key);
			if (metered.endedEarly()) {
				throw lengthMismatch(declared, "only " + metered.count() + " bytes");
			}
			if (metered.sourceFailure() != null) {
				throw new UncheckedIOException("Could not read the uploaded file", metered.sourceFailure());
			}
			if (ex instanceof AttachmentStoreException failure) {
				log.warn("Attachment store failed storing {}: {}", key, describe(ex));
				throw unavailable(failure);
			}
			throw ex;
		}
		if (!metered.complete()) {
			// a store that returns without taking every byte is broken; never keep a truncated file
			deleteQuietly(key);
			throw new IllegalStateException("The store took " + metered.count() + " of " + expected + " bytes");
		}
		if (hasMore(metered, key)) {
			deleteQuietly(key);
			throw lengthMismatch(declared, "more bytes than that");
		}
		return new StoredAttachment(upload.attachmentId(), upload.orgKey(), upload.conversationId(), key,
				displayName(upload.fileName()), mimeType, metered.count(), metered.sha256Hex(),
				Instant.now(this.clock).truncatedTo(ChronoUnit.MICROS));
	}

	/**
	 * Without a counted part size the declared length is all we have. A declared length above the limit must not
	 * be trusted either way, so count the real size (without storing) to tell "too large" from "wrong length".
	 */
	private void refuseUnknownSizeEarly(long declared, int headLength, InputStream content) {
		if (declared <= 0) {
			throw lengthMismatch(declared, "at least " + headLength + " bytes");
		}
		if (declared > this.maxSize) {
			long size = headLength + skip(content, this.maxSize + 1 - headLength);
			if (size > this.maxSize) {
				throw tooLarge("more than " + this.maxSize + " bytes");
			}
			throw lengthMismatch(declared, size + " bytes");
		}
	}

	String key(AttachmentUpload upload) {
		String path = upload.orgKey() + "/" + upload.conversationId() + "/" + upload.attachmentId();
		return this.keyPrefix.isEmpty() ? path : this.keyPrefix + "/" + path;
	}

	void deleteQuietly(String key) {
		try {
			this.store.delete(key);
		}
		catch (RuntimeException ex) {
			// the request already failed for its own reason; an object may be left behind, so say which
			log.warn("Could not delete attachment object {}; it may remain in the store: {}", key, describe(ex));
		}
	}

	/** The message and the root cause's message, which is where the store's own words are. */
	static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root == ex) ? String.valueOf(ex.getMessage()) : ex.getMessage() + " (" + root + ")";
	}

	private static int readHead(InputStream content, byte[] head) {
		try {
			return content.readNBytes(head, 0, head.length);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the uploaded file", ex);
		}
	}

	private static long skip(InputStream content, long atMost) {
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		try {
			while (total < atMost) {
				int n = content.read(buffer, 0, (int) Math.min(buffer.length, atMost - total));
				if (n == -1) {
					break;
				}
				total += n;
			}
			return total;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the uploaded file", ex);
		}
	}

	private boolean hasMore(MeteredInputStream metered, String key) {
		try {
			return metered.hasMore();
		}
		catch (IOException ex) {
			deleteQuietly(key);
			throw new UncheckedIOException("Could not read the uploaded file", ex);
		}
	}

	private InteractionApiException tooLarge(String size) {
		return ErrorCode.FILE_SIZE_EXCEEDS_LIMIT_ERROR
			.exception("The file has " + size + "; the limit is " + this.maxSize + " bytes.");
	}

	private static InteractionApiException lengthMismatch(long declared, String actual) {
		return ErrorCode.CONTENT_LENGTH_ERROR
			.exception("contentLength is " + declared + " but the file has " + actual + ".");
	}

	/** The client's name for display and Content-Disposition only: no path, no control characters, bounded. */
	static String displayName(String fileName) {
		if (fileName == null) {
			return "attachment";
		}
		String name = fileName;
		int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
		if (slash >= 0) {
			name = name.substring(slash + 1);
		}
		StringBuilder clean = new StringBuilder();
		name.codePoints()
			.filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
			.limit(MAX_NAME_LENGTH)
			.forEach(clean::appendCodePoint);
		String result = clean.toString().strip();
		return (result.isEmpty() || result.equals(".") || result.equals("..")) ? "attachment" : result;
	}

	/** 503 either way, so the partner retries: 10094 when the store did not answer in time, 503 otherwise. */
	static RuntimeException unavailable(AttachmentStoreException failure) {
		if (failure.timedOut()) {
			return ErrorCode.DOWNSTREAM_TIMEOUT
				.exception("The attachment store did not answer in time; nothing was stored. Retry the request.");
		}
		return ErrorCode.SERVICE_UNAVAILABLE.exception("The attachment store is unavailable. Retry the request.");
	}

}
