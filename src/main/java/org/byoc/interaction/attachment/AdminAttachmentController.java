package org.byoc.interaction.attachment;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import org.byoc.interaction.web.AdminEndpoint;

/** Admin download of any attachment (management port only; the admin token filter guards /admin/api/**). */
@AdminEndpoint
class AdminAttachmentController {

	private final Attachments attachments;

	AdminAttachmentController(Attachments attachments) {
		this.attachments = attachments;
	}

	@GetMapping("/admin/api/attachments/{attachmentId}")
	ResponseEntity<InputStreamResource> download(@PathVariable String attachmentId) {
		return FileDownloadController.serve(this.attachments, attachmentId);
	}

}
