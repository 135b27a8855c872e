package org.byoc.interaction.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

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
	Map<String, Object> upload(@RequestParam String conversationIdentifier, @RequestPart("file") MultipartFile file)
			throws IOException {
		AgentAttachments.Uploaded uploaded;
		try (InputStream content = file.getInputStream()) {
			uploaded = this.attachments.upload(conversationIdentifier, file.getOriginalFilename(), file.getSize(),
					content);
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("id", uploaded.attachment().id().toString());
		answer.put("name", uploaded.attachment().fileName());
		answer.put("mimeType", uploaded.attachment().mimeType());
		answer.put("size", uploaded.attachment().size());
		answer.put("url", uploaded.url().toString());
		return answer;
	}

}
