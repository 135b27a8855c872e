package org.byoc.interaction.agent;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartFile;

import org.byoc.interaction.web.AdminEndpoint;

/**
 * An agent uploads a file to a conversation (same store and rules as inbound files); a reply then names it in
 * {@code attachmentIds}.
 */
@AdminEndpoint
class AgentAttachmentController {

	private final AgentAttachments attachments;

	AgentAttachmentController(AgentAttachments attachments) {
		this.attachments = attachments;
	}

	@PostMapping("/admin/api/attachments")
	@ResponseStatus(HttpStatus.CREATED)
	UploadedFile upload(@RequestParam String conversationIdentifier, @RequestPart("file") MultipartFile file)
			throws IOException {
		AgentAttachments.Uploaded uploaded;
		try (InputStream content = file.getInputStream()) {
			uploaded = this.attachments.upload(conversationIdentifier, file.getOriginalFilename(), file.getSize(),
					content);
		}
		return new UploadedFile(uploaded.attachment().id().toString(), uploaded.attachment().fileName(),
				uploaded.attachment().mimeType(), uploaded.attachment().size(), uploaded.url().toString());
	}

	/** The 201 answer: the stored file and the link an agent's message points to. */
	record UploadedFile(String id, String name, String mimeType, long size, String url) {
	}

}
