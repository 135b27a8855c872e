package org.byoc.interaction.attachment;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.web.ErrorCode;

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
		return Downloads.serve(this.attachments, attachmentId);
	}

}
