package org.byoc.interaction.setup.document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.byoc.interaction.setup.SetupValidationException;

/**
 * Reads a parsed YAML/JSON tree (maps, lists, scalars) with the key path at hand, so every refusal names the
 * source and the exact key, e.g. {@code orgs[0].channels[1].outboundEvent.name}.
 */
final class TreeReader {

	private final String source;

	private final String path;

	private final Map<String, Object> map;

	private TreeReader(String source, String path, Map<String, Object> map) {
		this.source = source;
		this.path = path;
		this.map = map;
	}

	static TreeReader root(String source, Object tree) {
		if (!(tree instanceof Map<?, ?> m)) {
			throw new SetupValidationException(source, "(document)", "must be a mapping with an 'orgs' list");
		}
		return new TreeReader(source, "", asStringKeyed(source, "(document)", m));
	}

	/** The mapping as read, for a value with its own reader (a fault rule). */
	Map<String, Object> asMap() {
		return java.util.Collections.unmodifiableMap(this.map);
	}

	/** Refuses keys the setup does not know: a typo must not silently turn into a default. */
	TreeReader allowOnly(Set<String> keys) {
		for (String key : this.map.keySet()) {
			if (!keys.contains(key)) {
				throw fail(key, "unknown key (allowed: " + String.join(", ", keys) + ")");
			}
		}
		return this;
	}

	String requiredString(String key) {
		String value = optionalString(key);
		if (value == null || value.isBlank()) {
			throw fail(key, "is required");
		}
		return value;
	}

	String optionalString(String key) {
		Object value = this.map.get(key);
		if (value == null) {
			return null;
		}
		if (value instanceof Map || value instanceof List) {
			throw fail(key, "must be a text value");
		}
		return value.toString().trim();
	}

	boolean optionalBoolean(String key, boolean defaultValue) {
		Object value = this.map.get(key);
		if (value == null) {
			return defaultValue;
		}
		if (value instanceof Boolean b) {
			return b;
		}
		throw fail(key, "must be true or false");
	}

	/** A whole number from 1 to {@code max}; {@code defaultValue} when the key is absent. */
	int optionalPositiveInt(String key, int defaultValue, int max) {
		Object value = this.map.get(key);
		if (value == null) {
			return defaultValue;
		}
		if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 1
				|| ((Number) value).longValue() > max) {
			throw fail(key, "must be a whole number from 1 to " + max);
		}
		return ((Number) value).intValue();
	}

	<E extends Enum<E>> E optionalEnum(String key, Class<E> type, E defaultValue) {
		String value = optionalString(key);
		if (value == null) {
			return defaultValue;
		}
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(value)) {
				return constant;
			}
		}
		List<String> allowed = new ArrayList<>();
		for (E constant : type.getEnumConstants()) {
			allowed.add(constant.name());
		}
		throw fail(key, "must be one of " + String.join(" | ", allowed) + ", not '" + value + "'");
	}

	List<String> stringList(String key) {
		Object value = this.map.get(key);
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?> list)) {
			throw fail(key, "must be a list");
		}
		List<String> result = new ArrayList<>();
		for (int i = 0; i < list.size(); i++) {
			Object item = list.get(i);
			if (item == null || item instanceof Map || item instanceof List || item.toString().isBlank()) {
				throw fail(key + "[" + i + "]", "must be a non-blank text value");
			}
			result.add(item.toString().trim());
		}
		return result;
	}

	List<TreeReader> objectList(String key) {
		Object value = this.map.get(key);
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?> list)) {
			throw fail(key, "must be a list");
		}
		List<TreeReader> result = new ArrayList<>();
		for (int i = 0; i < list.size(); i++) {
			String itemPath = childPath(key) + "[" + i + "]";
			if (!(list.get(i) instanceof Map<?, ?> m)) {
				throw new SetupValidationException(this.source, itemPath, "must be a mapping");
			}
			result.add(new TreeReader(this.source, itemPath, asStringKeyed(this.source, itemPath, m)));
		}
		return result;
	}

	TreeReader optionalObject(String key) {
		Object value = this.map.get(key);
		if (value == null) {
			return null;
		}
		if (!(value instanceof Map<?, ?> m)) {
			throw fail(key, "must be a mapping");
		}
		return new TreeReader(this.source, childPath(key), asStringKeyed(this.source, childPath(key), m));
	}

	Map<String, Integer> positiveIntMap(String key) {
		TreeReader object = optionalObject(key);
		if (object == null) {
			return Map.of();
		}
		Map<String, Integer> result = new LinkedHashMap<>();
		object.map.forEach((name, value) -> {
			if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 1
					|| ((Number) value).longValue() > Integer.MAX_VALUE) {
				throw object.fail(name, "must be a positive whole number (the maximum value length)");
			}
			result.put(name, ((Number) value).intValue());
		});
		return result;
	}

	boolean has(String key) {
		return this.map.get(key) != null;
	}

	SetupValidationException fail(String key, String problem) {
		return new SetupValidationException(this.source, childPath(key), problem);
	}

	String path() {
		return this.path;
	}

	private String childPath(String key) {
		return this.path.isEmpty() ? key : this.path + "." + key;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asStringKeyed(String source, String path, Map<?, ?> map) {
		for (Object key : map.keySet()) {
			if (!(key instanceof String)) {
				throw new SetupValidationException(source, path, "keys must be text, found " + key);
			}
		}
		return (Map<String, Object>) map;
	}

}
