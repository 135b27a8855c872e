package org.byoc.interaction.conversation.capabilities;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.byoc.interaction.contract.ErrorCode;
import tools.jackson.databind.JsonNode;

/**
 * Applies a channel's registered capabilityFieldRestriction list to an abstractMessage. A {@code fieldJsonPath} is
 * read from the message ({@code $} is the abstractMessage) and fans out over arrays on its way. The restrictions a
 * message itself can break are enforced: text length, array size, required fields and the allowed MIME types (all
 * MimeTypeRestrictions of one path together); sizes and dimensions of files are not in a message and stay
 * informational.
 */
final class FieldRestrictions {

	private FieldRestrictions() {
	}

	static void check(JsonNode restrictions, JsonNode message, String channel) {
		Map<String, Set<String>> mimeTypes = new TreeMap<>();
		for (JsonNode restriction : restrictions) {
			String path = restriction.path("fieldJsonPath").asString();
			JsonNode rule = restriction.path("restriction");
			List<JsonNode> values = select(message, path);
			switch (rule.path("fieldRestrictionType").asString()) {
				case "StringFieldRestriction" -> {
					long maxLength = rule.path("maxLength").asLong();
					for (JsonNode text : strings(values)) {
						if (text.stringValue().codePointCount(0, text.stringValue().length()) > maxLength) {
							throw refused(channel, path, "is longer than " + maxLength + " characters");
						}
					}
				}
				case "ArrayRestriction" -> {
					long maxItems = rule.path("maxItems").asLong();
					for (JsonNode value : values) {
						if (value.isArray() && value.size() > maxItems) {
							throw refused(channel, path, "has more than " + maxItems + " items");
						}
					}
				}
				case "RequiredFieldRestriction" -> {
					if (rule.path("fieldRequired").asBoolean() && values.isEmpty()) {
						throw refused(channel, path, "is required");
					}
				}
				case "MimeTypeRestriction" -> mimeTypes.computeIfAbsent(path, (p) -> new HashSet<>())
					.add(rule.path("mimeType").asString().toLowerCase());
				default -> {
					// file sizes, dimensions and types are not part of the message
				}
			}
		}
		mimeTypes.forEach((path, allowed) -> {
			for (JsonNode mimeType : strings(select(message, path))) {
				if (!allowed.contains(mimeType.stringValue().toLowerCase())) {
					throw refused(channel, path, "'" + mimeType.stringValue() + "' is not one of " + allowed);
				}
			}
		});
	}

	/** The values at a {@code $.a.b} path; arrays met before the last step are walked element by element. */
	static List<JsonNode> select(JsonNode message, String path) {
		List<JsonNode> current = List.of(message);
		String[] steps = path.equals("$") ? new String[0] : path.substring(2).split("\\.");
		for (String step : steps) {
			List<JsonNode> next = new ArrayList<>();
			for (JsonNode node : current) {
				if (node.isArray()) {
					for (JsonNode element : node) {
						addChild(next, element, step);
					}
				}
				else {
					addChild(next, node, step);
				}
			}
			current = next;
		}
		return current;
	}

	private static void addChild(List<JsonNode> into, JsonNode node, String name) {
		JsonNode child = node.isObject() ? node.get(name) : null;
		if (child != null && !child.isNull()) {
			into.add(child);
		}
	}

	private static List<JsonNode> strings(List<JsonNode> values) {
		List<JsonNode> strings = new ArrayList<>();
		for (JsonNode value : values) {
			if (value.isString()) {
				strings.add(value);
			}
			else if (value.isArray()) {
				value.forEach((element) -> {
					if (element.isString()) {
						strings.add(element);
					}
				});
			}
		}
		return strings;
	}

	private static RuntimeException refused(String channel, String path, String problem) {
		return ErrorCode.INVALID_PARAMETERS
			.exception("The message breaks a restriction channel " + channel + " registered: " + path + " " + problem + ".");
	}

}
