package org.byoc.interaction.attachment;

import java.util.Optional;
import java.util.UUID;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.contract.ErrorCode;

/**
 * Serves the filesystem store's signed download links on the API port. The signature is the only credential:
 * whoever holds an unexpired link may read that one file.
 */
@RestController
class FileDownloadController {

	private final Attachments attachments;

	private final SignedLinks links;

	FileDownloadController(Attachments attachments, SignedLinks links) {
		this.attachments = attachments;
		this.links = links;
	}

	@GetMapping(SignedLinks.PATH + "{attachmentId}")
	ResponseEntity<InputStreamResource> download(@PathVariable String attachmentId,
			@RequestParam(required = false) String expires, @RequestParam(required = false) String signature) {
		if (!this.links.isValid(attachmentId, expires, signature)) {
			throw ErrorCode.DOWNLOAD_LINK_INVALID.exception();
		}
		return serve(this.attachments, attachmentId);
	}

	/** The answer of both download endpoints (this one and the admin one): the bytes, typed and named, or 404. */
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
