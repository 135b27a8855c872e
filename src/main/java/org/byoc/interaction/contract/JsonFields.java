package org.byoc.interaction.contract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the fields of one JSON object of a request ({@link JsonRequestBody}) and copies the ones it reads, and only
 * those, into a fresh object in reading order: unknown fields never reach the rebuilt payload that is stored and
 * published. Every refusal names the field by its path. As the vendor's Jackson-based service does, {@code string}
 * also takes an integral number and {@code integer} a string of digits; {@code text} and the enum reads take JSON
 * strings only. A JSON {@code null} counts as absent.
 */
public final class JsonFields {

	private static final Pattern DIGITS = Pattern.compile("-?\\d{1,19}");

	private final JsonNode in;

	private final String path;

	private final ErrorCode code;

	private final ObjectNode out;

	private JsonFields(JsonNode in, String path, ErrorCode code, ObjectNode out) {
		this.in = in;
		this.path = path;
		this.code = code;
		this.out = out;
	}

	/** Fields of an object; {@code code} refuses a missing or mistyped field unless a read names another. */
	public static JsonFields of(JsonNode node, String path, ErrorCode code) {
		if (node == null || !node.isObject()) {
			throw code.exception(path + " must be a JSON object.");
		}
		return new JsonFields(node, path, code, JsonNodeFactory.instance.objectNode());
	}

	/** The object as it came, for an admin document read whole. */
	public JsonNode node() {
		return this.in;
	}

	/** The rebuilt object: every field read so far, in reading order. */
	public ObjectNode out() {
		return this.out;
	}

	public String path() {
		return this.path;
	}

	public String path(String name) {
		return this.path.isEmpty() ? name : this.path + "." + name;
	}

	/** The raw value, or null when the field is absent or JSON null. */
	public JsonNode raw(String name) {
		JsonNode value = this.in.get(name);
		return (value == null || value.isNull()) ? null : value;
	}

	/** An optional string; null when absent. */
	public String string(String name) {
		return string(name, this.code);
	}

	public String string(String name, ErrorCode wrongType) {
		JsonNode value = raw(name);
		if (value == null) {
			return null;
		}
		String text = asString(value, name, wrongType);
		this.out.put(name, text);
		return text;
	}

	public String requireString(String name) {
		return requireString(name, this.code);
	}

	public String requireString(String name, ErrorCode missing) {
		if (raw(name) == null) {
			throw missing.exception(path(name) + " is required.");
		}
		return string(name);
	}

	/** A required string that must hold more than white space (identifiers). */
	public String requireNonBlank(String name, ErrorCode missing, int maxLength) {
		JsonNode value = raw(name);
		String text = (value != null) ? asString(value, name, missing) : null;
		if (text == null || text.isBlank()) {
			throw missing.exception(path(name) + " is required and must not be blank.");
		}
		if (text.length() > maxLength) {
			throw ErrorCode.INVALID_PARAMETERS
				.exception(path(name) + " must be at most " + maxLength + " characters long.");
		}
		this.out.put(name, text);
		return text;
	}

	/** An optional string that must be one of {@code allowed}; null when absent. */
	public String oneOf(String name, Set<String> allowed) {
		String text = string(name);
		if (text != null && !allowed.contains(text)) {
			throw this.code.exception(path(name) + " must be one of " + sortedList(allowed) + ", not '" + text + "'.");
		}
		return text;
	}

	public String requireOneOf(String name, Set<String> allowed) {
		requirePresent(name);
		return oneOf(name, allowed);
	}

	/** An optional integer; null when absent. */
	public Long integer(String name, ErrorCode wrongType) {
		JsonNode value = raw(name);
		if (value == null) {
			return null;
		}
		long number;
		if (value.isIntegralNumber() && value.canConvertToLong()) {
			number = value.longValue();
		}
		else if (value.isString() && DIGITS.matcher(value.stringValue()).matches()) {
			try {
				number = Long.parseLong(value.stringValue());
			}
			catch (NumberFormatException ex) {
				throw wrongType.exception(path(name) + " must be an integer.");
			}
		}
		else {
			throw wrongType.exception(path(name) + " must be an integer.");
		}
		this.out.put(name, number);
		return number;
	}

	public long requireInteger(String name) {
		return requireInteger(name, this.code);
	}

	public long requireInteger(String name, ErrorCode code) {
		if (raw(name) == null) {
			throw code.exception(path(name) + " is required.");
		}
		return integer(name, code);
	}

	/** An optional number (integral or not); null when absent. Stored as a double so 1 and 1.0 agree. */
	public Double number(String name) {
		return number(name, this.code);
	}

	public Double number(String name, ErrorCode wrongType) {
		JsonNode value = raw(name);
		if (value == null) {
			return null;
		}
		if (!value.isNumber()) {
			throw wrongType.exception(path(name) + " must be a number.");
		}
		double number = value.doubleValue();
		this.out.put(name, number);
		return number;
	}

	public double requireNumber(String name) {
		requirePresent(name);
		return number(name);
	}

	/** An optional boolean; null when absent. */
	public Boolean bool(String name) {
		return bool(name, this.code);
	}

	public Boolean bool(String name, ErrorCode wrongType) {
		JsonNode value = raw(name);
		if (value == null) {
			return null;
		}
		if (!value.isBoolean()) {
			throw wrongType.exception(path(name) + " must be true or false.");
		}
		this.out.put(name, value.booleanValue());
		return value.booleanValue();
	}

	public boolean requireBool(String name) {
		return requireBool(name, this.code);
	}

	public boolean requireBool(String name, ErrorCode code) {
		if (raw(name) == null) {
			throw code.exception(path(name) + " is required.");
		}
		return bool(name, code);
	}

	/** An optional value of any JSON type, copied as it is (keys sorted); false when absent. */
	public boolean anyValue(String name) {
		JsonNode value = raw(name);
		if (value == null) {
			return false;
		}
		this.out.set(name, CanonicalJson.sorted(value));
		return true;
	}

	/** A required value of any JSON type, copied as it is (keys sorted, so key order never matters). */
	public void requireAnyValue(String name) {
		requirePresent(name);
		this.out.set(name, CanonicalJson.sorted(raw(name)));
	}

	/** An optional nested object; null when absent. Its rebuilt copy joins this object's output. */
	public JsonFields object(String name) {
		return object(name, this.code);
	}

	public JsonFields object(String name, ErrorCode code) {
		JsonNode value = raw(name);
		if (value == null) {
			return null;
		}
		JsonFields child = JsonFields.of(value, path(name), code);
		this.out.set(name, child.out);
		return child;
	}

	public JsonFields requireObject(String name) {
		return requireObject(name, this.code);
	}

	public JsonFields requireObject(String name, ErrorCode code) {
		JsonNode value = raw(name);
		if (value == null) {
			throw code.exception(path(name) + " is required.");
		}
		JsonFields child = JsonFields.of(value, path(name), code);
		this.out.set(name, child.out);
		return child;
	}

	/**
	 * An array of objects with between {@code min} and {@code max} elements; absent counts as empty. Each element's
	 * rebuilt copy joins this object's output.
	 */
	public List<JsonFields> objects(String name, int min, int max) {
		JsonNode value = raw(name);
		if (value == null) {
			if (min > 0) {
				throw this.code.exception(path(name) + " is required.");
			}
			return List.of();
		}
		if (!value.isArray()) {
			throw this.code.exception(path(name) + " must be a JSON array.");
		}
		if (value.size() < min || value.size() > max) {
			throw this.code.exception(path(name) + " must have " + countText(min, max) + ", not " + value.size() + ".");
		}
		return elements(name, value, this.code);
	}

	/** An optional string that must be a JSON string (no number read as text); null when absent. */
	public String text(String name, ErrorCode code) {
		JsonNode value = raw(name);
		if (value == null) {
			return null;
		}
		if (!value.isString()) {
			throw code.exception(path(name) + " must be a string.");
		}
		this.out.put(name, value.asString());
		return value.asString();
	}

	/** A required JSON string with more than white space, at most {@code maxLength} characters. */
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

	/** An optional enum value, spelled exactly as the contract does; null when absent. */
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
		throw code.exception(path(name) + " must be one of " + Arrays.toString(type.getEnumConstants()) + ", not '"
				+ text + "'.");
	}

	public <E extends Enum<E>> E requiredEnum(String name, Class<E> type, ErrorCode code) {
		E value = enumValue(name, type, code);
		if (value == null) {
			throw code.exception(path(name) + " is required.");
		}
		return value;
	}

	/** The elements of an optional array, each of which must be an object; null when absent. */
	public List<JsonFields> objects(String name, ErrorCode code) {
		JsonNode value = raw(name);
		if (value == null) {
			return null;
		}
		if (!value.isArray()) {
			throw code.exception(path(name) + " must be a JSON array.");
		}
		return elements(name, value, code);
	}

	/** Each element of an array, which must be an object; their rebuilt copies join this object's output. */
	private List<JsonFields> elements(String name, JsonNode array, ErrorCode code) {
		ArrayNode copies = this.out.putArray(name);
		List<JsonFields> elements = new ArrayList<>(array.size());
		for (int i = 0; i < array.size(); i++) {
			JsonFields element = JsonFields.of(array.get(i), path(name) + "[" + i + "]", code);
			copies.add(element.out);
			elements.add(element);
		}
		return elements;
	}

	/** An optional object of strings (null values are dropped); empty when absent. */
	public Map<String, String> strings(String name, ErrorCode code) {
		JsonFields object = object(name, code);
		Map<String, String> values = new LinkedHashMap<>();
		if (object == null) {
			return values;
		}
		for (Map.Entry<String, JsonNode> field : object.in.properties()) {
			if (!field.getValue().isNull()) {
				values.put(field.getKey(), object.text(field.getKey(), code));
			}
		}
		return values;
	}

	private void requirePresent(String name) {
		if (raw(name) == null) {
			throw this.code.exception(path(name) + " is required.");
		}
	}

	private String asString(JsonNode value, String name, ErrorCode code) {
		if (value.isString()) {
			return value.stringValue();
		}
		if (value.isIntegralNumber()) {
			return value.asString();
		}
		throw code.exception(path(name) + " must be a string.");
	}

	private static String countText(int min, int max) {
		if (min == max) {
			return "exactly " + min + (min == 1 ? " element" : " elements");
		}
		if (max == Integer.MAX_VALUE) {
			return "at least " + min + (min == 1 ? " element" : " elements");
		}
		return "between " + min + " and " + max + " elements";
	}

	private static List<String> sortedList(Set<String> values) {
		return values.stream().sorted().toList();
	}

}
