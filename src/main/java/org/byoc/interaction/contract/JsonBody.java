package org.byoc.interaction.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON object of a request body, read field by field so each fault gets the contract's code rather than a
 * generic 400. Like the vendor's service, the body is the first JSON value and whatever follows it is ignored: the
 * vendor's own README examples for agentWork and consent end in a stray {@code }}. A JSON {@code null} counts as
 * absent; unknown fields are ignored.
 */
public final class JsonBody {

	/** Far above any routing request; larger bodies are refused unread. */
	static final int MAX_BYTES = 256 * 1024;

	private static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxNumberLength(100).build())
			.build())
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final JsonNode node;

	private final String path;

	private JsonBody(JsonNode node, String path) {
		this.node = node;
		this.path = path;
	}

	/** The body's first JSON value, which must be an object: empty 10100, anything else unreadable 10089. */
	public static JsonBody parse(byte[] body) {
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
		catch (JacksonException ex) {
			throw ErrorCode.INVALID_PARAMETERS.exception("The request body is not valid JSON.");
		}
		if (root == null || root.isMissingNode()) {
			throw ErrorCode.REQUEST_BODY_MISSING.exception("The request body is missing or empty.");
		}
		if (!root.isObject()) {
			throw ErrorCode.INVALID_PARAMETERS.exception("The request body must be a JSON object.");
		}
		return new JsonBody(root, "");
	}

	String path(String name) {
		return this.path.isEmpty() ? name : this.path + "." + name;
	}

	JsonNode raw(String name) {
		JsonNode value = this.node.get(name);
		return (value == null || value.isNull()) ? null : value;
	}

	public boolean has(String name) {
		return raw(name) != null;
	}

	/** An optional string; a value of another type is refused with {@code code}. */
	public String text(String name, ErrorCode code) {
		JsonNode value = raw(name);
		if (value == null) {
			return null;
		}
		if (!value.isString()) {
			throw code.exception(path(name) + " must be a string.");
		}
		return value.asString();
	}

	/** A required string with more than white space, at most {@code maxLength} characters. */
	public String requiredText(String name, ErrorCode code, int maxLength) {
		String text = text(name, code);
		if (text == null || text.isBlank()) {
			throw code.exception(path(name) + " is required.");
		}
		if (text.length() > maxLength) {
			throw code.exception(path(name) + " must be at most " + maxLength + " characters long.");
		}
		return text;
	}

	/** An optional number. */
	public Double number(String name, ErrorCode code) {
		JsonNode value = raw(name);
		if (value == null) {
			return null;
		}
		if (!value.isNumber()) {
			throw code.exception(path(name) + " must be a number.");
		}
		return value.doubleValue();
	}

	/** An optional boolean. */
	Boolean bool(String name, ErrorCode code) {
		JsonNode value = raw(name);
		if (value == null) {
			return null;
		}
		if (!value.isBoolean()) {
			throw code.exception(path(name) + " must be true or false.");
		}
		return value.booleanValue();
	}

	public Boolean requiredBool(String name, ErrorCode code) {
		Boolean value = bool(name, code);
		if (value == null) {
			throw code.exception(path(name) + " is required.");
		}
		return value;
	}

	/** An optional enum value, spelled exactly as the contract does. */
	public <E extends Enum<E>> E enumValue(String name, Class<E> type, ErrorCode code) {
		String text = text(name, code);
		if (text == null) {
			return null;
		}
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(text)) {
				return constant;
			}
		}
		throw code.exception(path(name) + " must be one of " + Arrays.toString(type.getEnumConstants())
				+ ", not '" + text + "'.");
	}

	public <E extends Enum<E>> E requiredEnum(String name, Class<E> type, ErrorCode code) {
		E value = enumValue(name, type, code);
		if (value == null) {
			throw code.exception(path(name) + " is required.");
		}
		return value;
	}

	/** An optional nested object. */
	public JsonBody object(String name, ErrorCode code) {
		JsonNode value = raw(name);
		if (value == null) {
			return null;
		}
		if (!value.isObject()) {
			throw code.exception(path(name) + " must be a JSON object.");
		}
		return new JsonBody(value, path(name));
	}

	/** The elements of an optional array, each of which must be an object. */
	public List<JsonBody> objects(String name, ErrorCode code) {
		JsonNode value = raw(name);
		if (value == null) {
			return null;
		}
		if (!value.isArray()) {
			throw code.exception(path(name) + " must be a JSON array.");
		}
		List<JsonBody> items = new ArrayList<>();
		for (int i = 0; i < value.size(); i++) {
			JsonNode item = value.get(i);
			if (item == null || !item.isObject()) {
				throw code.exception(path(name) + "[" + i + "] must be a JSON object.");
			}
			items.add(new JsonBody(item, path(name) + "[" + i + "]"));
		}
		return items;
	}

	/** An optional object of strings (null values are dropped). */
	public Map<String, String> strings(String name, ErrorCode code) {
		JsonBody object = object(name, code);
		Map<String, String> values = new LinkedHashMap<>();
		if (object == null) {
			return values;
		}
		for (Map.Entry<String, JsonNode> field : object.node.properties()) {
			if (field.getValue().isNull()) {
				continue;
			}
			if (!field.getValue().isString()) {
				throw code.exception(object.path(field.getKey()) + " must be a string.");
			}
			values.put(field.getKey(), field.getValue().asString());
		}
		return values;
	}

}
