package org.byoc.interaction.attachment;

import java.util.Optional;
import java.util.UUID;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import org.byoc.interaction.web.ErrorCode;

/** The HTTP answer shared by both download endpoints: the stored bytes, typed and named, or 404. */
final class Downloads {

	private Downloads() {
	}

	static ResponseEntity<InputStreamResource> serve(Attachments attachments, String attachmentId) {
		Optional<AttachmentContent> content = parse(attachmentId).flatMap(attachments::open);
		if (content.isEmpty()) {
			throw ErrorCode.ENDPOINT_NOT_FOUND.exception("No attachment with id " + safe(attachmentId) + ".");
		}
		StoredAttachment attachment = content.get().attachment();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(attachment.mimeType()))
			.contentLength(attachment.size())
			.header(HttpHeaders.CONTENT_DISPOSITION, Disposition.attachment(attachment.fileName()))
			.header("X-Content-Type-Options", "nosniff")
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			// the converter closes the stream after copying it to the response
			.body(new InputStreamResource(content.get().stream()));
	}

	private static Optional<UUID> parse(String id) {
		try {
			return Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static String safe(String id) {
		return id.replaceAll("[^A-Za-z0-9\\-]", "?");
	}

}
