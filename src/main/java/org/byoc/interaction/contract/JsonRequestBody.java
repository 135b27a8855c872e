package org.byoc.interaction.contract;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one reader of JSON request bodies: every endpoint's body is read here into {@link JsonFields}, so each fault
 * gets the contract's code. Like the vendor's service, the body is its first JSON value and whatever follows it is
 * ignored (the vendor's own README examples for agentWork and consent end in a stray {@code }}). Empty: 10100; not
 * JSON, not an object, beyond the limits: 10089.
 */
public final class JsonRequestBody {

	/** Far above any real request (25 history entries with rich messages stay well below). */
	public static final int MAX_BYTES = 1024 * 1024;

	/** Far above any routing request (route, session, consent, agentWork); larger bodies are refused unread. */
	public static final int MAX_ROUTING_BYTES = 256 * 1024;

	/** Deeper than any message format nests. */
	public static final int MAX_NESTING_DEPTH = 64;

	private static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(MAX_NESTING_DEPTH)
				.maxDocumentLength(MAX_BYTES)
				.maxNumberLength(100)
				.build())
			.build())
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private JsonRequestBody() {
	}

	public static JsonFields parse(byte[] body) {
		return parse(body, ErrorCode.INVALID_PARAMETERS, MAX_BYTES);
	}

	/** A body that may be left out: null when empty or white space only. */
	public static JsonFields parseIfPresent(byte[] body) {
		if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
			return null;
		}
		return parse(body);
	}

	/** @param maxBytes the largest body read */
	public static JsonFields parse(byte[] body, int maxBytes) {
		return parse(body, ErrorCode.INVALID_PARAMETERS, maxBytes);
	}

	/** @param fieldCode the refusal for a missing or mistyped field unless the reading names another */
	public static JsonFields parse(byte[] body, ErrorCode fieldCode) {
		return parse(body, fieldCode, MAX_BYTES);
	}

	/**
	 * @param fieldCode the refusal for a missing or mistyped field unless the reading names another
	 * @param maxBytes the largest body read
	 */
	public static JsonFields parse(byte[] body, ErrorCode fieldCode, int maxBytes) {
		if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
			throw ErrorCode.REQUEST_BODY_MISSING.exception("The request body is missing or empty.");
		}
		if (body.length > maxBytes) {
			throw ErrorCode.INVALID_PARAMETERS.exception("The request body is larger than " + maxBytes + " bytes.");
		}
		ContractFindings.body(body);
		JsonNode root;
		try (JsonParser parser = MAPPER.createParser(body)) {
			root = MAPPER.readTree(parser);
			if (root != null && !root.isMissingNode()) {
				trailing(parser, body);
			}
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
		if (!root.isObject()) {
			throw fieldCode.exception("The request body must be a JSON object.");
		}
		return JsonFields.of(root, "", fieldCode);
	}

	/**
	 * What follows the first JSON value (the seed's stray {@code }}) is ignored, as the vendor does, and reported
	 * as a leniency (refused in strict mode).
	 */
	private static void trailing(JsonParser parser, byte[] body) {
		long end = parser.currentLocation().getByteOffset();
		boolean more;
		try {
			more = parser.nextToken() != null;
		}
		catch (JacksonException ex) {
			more = true;
		}
		if (more) {
			String rest = (end >= 0 && end < body.length)
					? new String(body, (int) end, body.length - (int) end, StandardCharsets.UTF_8).strip() : "";
			ContractFindings.warn(Leniency.TRAILING_CONTENT, "the body has characters after its JSON object"
					+ (rest.isEmpty() ? "" : ": '" + abbreviate(rest) + "'"));
		}
	}

	private static String abbreviate(String text) {
		return (text.length() > 40) ? text.substring(0, 40) + "…" : text;
	}

}
