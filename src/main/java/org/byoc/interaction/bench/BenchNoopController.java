package org.byoc.interaction.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.inbound.InteractionAccepted;

/**
 * The benchmark's baseline (profile {@code bench} only): the request shape of {@code POST /api/v1/interactions},
 * behind the same API security, read to the end and answered with a 202 of the same shape, but nothing decoded,
 * checked or stored. What the interactions endpoint costs beyond this is the service's own work.
 */
@RestController
@Profile("bench")
class BenchNoopController {

	/** Shared by all requests: what is read into it is never looked at. */
	private static final byte[] DISCARD = new byte[8192];

	@PostMapping("/api/v1/bench/noop")
	ResponseEntity<InteractionAccepted> post(ApiCaller caller, HttpServletRequest request) throws IOException {
		long read = 0;
		try {
			for (Part part : request.getParts()) {
				try (InputStream in = part.getInputStream()) {
					for (int n = in.read(DISCARD); n >= 0; n = in.read(DISCARD)) {
						read += n;
					}
				}
			}
		}
		catch (ServletException | IllegalStateException ex) {
			throw ErrorCode.REQUEST_BODY_MISSING.exception("The request body is not a readable multipart body.");
		}
		if (read == 0) {
			throw ErrorCode.REQUEST_BODY_MISSING.exception("The multipart request has no content.");
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(new InteractionAccepted(true, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
					List.of(caller.orgKey())));
	}

}
