package org.byoc.interaction.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.byoc.interaction.conversation.message.Entry;

/**
 * Writing validated trees back to JSON. Payloads are rebuilt field by field in the schema's order, so their JSON
 * does not depend on how the client ordered its keys; fingerprints additionally sort every key, so they stay stable
 * even if that schema order is changed in code later.
 */
public final class CanonicalJson {

	private static final JsonMapper WRITER = JsonMapper.builder().build();

	private CanonicalJson() {
	}

	public static String write(JsonNode node) {
		return WRITER.writeValueAsString(node);
	}

	/** Lower-case hex SHA-256 of the key-sorted, whitespace-free JSON of the tree. */
	public static String fingerprint(JsonNode node) {
		return sha256(write(sorted(node)));
	}

	/** Lower-case hex SHA-256 of the text's UTF-8 bytes: the fingerprints and content hashes the service keeps. */
	public static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/** A deep copy with the keys of every object in natural order. Depth is bounded by the parser's limit. */
	public static JsonNode sorted(JsonNode node) {
		if (node.isObject()) {
			Map<String, JsonNode> byName = new TreeMap<>();
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				byName.put(property.getKey(), sorted(property.getValue()));
			}
			ObjectNode copy = JsonNodeFactory.instance.objectNode();
			byName.forEach(copy::set);
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
			for (JsonNode element : node.values()) {
				copy.add(sorted(element));
			}
			return copy;
		}
		return node.deepCopy();
	}

}
