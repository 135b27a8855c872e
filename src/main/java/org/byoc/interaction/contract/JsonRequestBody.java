package org.byoc.interaction.contract;

import java.nio.charset.StandardCharsets;

import org.byoc.interaction.conversation.inbound.InteractionRequestDecoder;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON body of the conversation endpoints (capabilities, conversation, conversationHistory, acknowledgement,
 * conversationEntry), read into {@link JsonFields} so each fault gets the contract's code. Like the vendor's
 * service, the body is its first JSON value and a stray trailing brace (as in the vendor's README examples) is
 * ignored. Empty: 10100; not JSON, not an object, beyond the limits: 10089.
 */
public final class JsonRequestBody {

	/** Far above any real request (25 history entries with rich messages stay well below). */
	public static final int MAX_BYTES = 1024 * 1024;

	private static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(InteractionRequestDecoder.MAX_NESTING_DEPTH)
				.maxDocumentLength(MAX_BYTES)
				.maxNumberLength(100)
				.build())
			.build())
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private JsonRequestBody() {
	}

	public static JsonFields parse(byte[] body) {
		return parse(body, ErrorCode.INVALID_PARAMETERS);
	}

	/** A body that may be left out: null when empty or white space only. */
	public static JsonFields parseIfPresent(byte[] body) {
		if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
			return null;
		}
		return parse(body);
	}

	/** @param fieldCode the refusal for a missing or mistyped field unless the reading names another */
	public static JsonFields parse(byte[] body, ErrorCode fieldCode) {
		if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
			throw ErrorCode.REQUEST_BODY_MISSING.exception("The request body is missing or empty.");
		}
		if (body.length > MAX_BYTES) {
			throw ErrorCode.INVALID_PARAMETERS.exception("The request body is larger than " + MAX_BYTES + " bytes.");
		}
		JsonNode root;
		try {
			root = MAPPER.readTree(body);
		}
		catch (StreamConstraintsException ex) {
			throw ErrorCode.INVALID_PARAMETERS
				.exception("The request body is nested too deeply or has a number beyond the service's limits.");
		}
		catch (JacksonException ex) {
			throw ErrorCode.INVALID_PARAMETERS.exception("The request body is not valid JSON.");
		}
		if (root == null || root.isMissingNode()) {
			throw ErrorCode.REQUEST_BODY_MISSING.exception("The request body is missing or empty.");
		}
		return JsonFields.of(root, "", fieldCode);
	}

}
