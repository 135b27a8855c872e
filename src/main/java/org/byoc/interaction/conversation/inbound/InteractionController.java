package org.byoc.interaction.conversation.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.ContractFindings;
import org.byoc.interaction.contract.Leniency;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.InteractionApiException;

/**
 * {@code POST /api/v1/interactions}: multipart with a {@code json} part and optional {@code attachments}, in any
 * order, chunked or not. Parts are read from the servlet directly so a {@code json} part sent as a file and one
 * sent as a field are the same to us.
 */
@RestController
public class InteractionController {

	private final InboundInteractions interactions;

	private final InteractionMetrics metrics;

	private final InteractionRequestDecoder decoder;

	private final Clock clock;

	/** Further from the service's clock than this, an interaction's timestamp is likely seconds or a stale copy. */
	static final Duration FAR_FROM_NOW = Duration.ofHours(24);

	InteractionController(InboundInteractions interactions, InteractionMetrics metrics, Clock clock,
			@Value("${interactionservice.inbound.json.max-bytes:1048576}") int maxJsonBytes) {
		this.interactions = interactions;
		this.clock = clock;
		this.metrics = metrics;
		this.decoder = new InteractionRequestDecoder(maxJsonBytes);
	}

	@PostMapping("/api/v1/interactions")
	ResponseEntity<InteractionAccepted> post(ApiCaller caller, HttpServletRequest request) throws IOException {
		Collection<Part> parts = parts(request);
		Part json = null;
		List<IncomingFile> files = new ArrayList<>();
		for (Part part : parts) {
			if ("json".equals(part.getName()) && json == null) {
				json = part;
			}
			else if ("attachments".equals(part.getName())) {
				files.add(new PartFile(part));
			}
		}
		if (json == null) {
			throw ErrorCode.REQUEST_BODY_MISSING.exception("The multipart request has no 'json' part.");
		}
		InteractionRequest received;
		try (InputStream body = json.getInputStream()) {
			received = this.decoder.decode(body);
		}
		catch (InteractionApiException ex) {
			this.metrics.refused(caller.orgId(), InteractionMetrics.typeOf(null), ex.errorCode().code());
			throw ex;
		}
		long skew = Math.abs(received.interaction().timestamp() - this.clock.millis());
		if (skew > FAR_FROM_NOW.toMillis()) {
			ContractFindings.warn(Leniency.TIMESTAMP_FAR_FROM_NOW, "interactions[0].timestamp "
					+ received.interaction().timestamp() + " is " + Duration.ofMillis(skew).toHours()
					+ " hours from now; it is epoch milliseconds");
		}
		InteractionAccepted accepted = this.interactions.accept(caller.orgId(), caller.authorizationContext(),
				received, files);
		ContractFindings.conversation(accepted.conversationIdentifier());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(accepted);
	}

	public static Collection<Part> parts(HttpServletRequest request) throws IOException {
		String contentType = request.getContentType();
		if (contentType == null || !contentType.toLowerCase().startsWith("multipart/")) {
			throw ErrorCode.REQUEST_BODY_MISSING
				.exception("The request body must be multipart/form-data with the request's JSON part.");
		}
		try {
			return request.getParts();
		}
		catch (ServletException | IllegalStateException ex) {
			throw ErrorCode.REQUEST_BODY_MISSING.exception("The request body is not a readable multipart body.");
		}
	}

	/** A file part as the domain sees it. */
	public record PartFile(Part part) implements IncomingFile {

		@Override
		public String fileName() {
			return this.part.getSubmittedFileName();
		}

		@Override
		public long size() {
			return this.part.getSize();
		}

		@Override
		public InputStream open() throws IOException {
			return this.part.getInputStream();
		}

	}

}
