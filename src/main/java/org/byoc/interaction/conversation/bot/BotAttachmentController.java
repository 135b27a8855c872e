package org.byoc.interaction.conversation.bot;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonRequestBody;
import org.byoc.interaction.contract.Success;
import org.byoc.interaction.conversation.bot.BotRequests.SendFile;
import org.byoc.interaction.conversation.inbound.IncomingFile;
import org.byoc.interaction.conversation.inbound.InteractionController;

/**
 * {@code POST /api/v1/attachment} (contract §B16, bring-your-own-bot): multipart with a
 * {@code postAttachmentRequestJson} part and exactly one file in {@code attachments}, in any order; 202
 * {@code {"success": true}}.
 */
@RestController
class BotAttachmentController {

	static final String JSON_PART = "postAttachmentRequestJson";

	private final BotEntries entries;

	BotAttachmentController(BotEntries entries) {
		this.entries = entries;
	}

	@PostMapping("/api/v1/attachment")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Success upload(ApiCaller caller, HttpServletRequest request) throws IOException {
		Collection<Part> parts = InteractionController.parts(request);
		Part json = null;
		List<IncomingFile> files = new ArrayList<>();
		for (Part part : parts) {
			if (JSON_PART.equals(part.getName()) && json == null) {
				json = part;
			}
			else if ("attachments".equals(part.getName())) {
				files.add(new InteractionController.PartFile(part));
			}
		}
		if (json == null) {
			throw ErrorCode.REQUEST_BODY_MISSING.exception("The multipart request has no '" + JSON_PART + "' part.");
		}
		BotCaller bot = ConversationEntryController.botCaller(caller);
		byte[] text;
		try (InputStream body = json.getInputStream()) {
			text = body.readNBytes(JsonRequestBody.MAX_BYTES + 1);
		}
		SendFile file = SendFile.read(JsonRequestBody.parse(text), files.size());
		this.entries.upload(bot, file, files.get(0));
		return Success.TRUE;
	}

}
