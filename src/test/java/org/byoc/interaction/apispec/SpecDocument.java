package org.byoc.interaction.apispec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * One of our spec files (openapi/*.yaml) as a JSON tree whose schemas can validate JSON values. The whole document
 * is registered as one schema resource, so any JSON pointer into it (a component or a schema inline in an
 * operation) is a schema and every {@code $ref: '#/...'} resolves inside the file; nothing is fetched.
 */
final class SpecDocument {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path file;

	private final JsonNode root;

	private final String iri;

	private final SchemaRegistry registry;

	private SpecDocument(Path file, JsonNode root, Dialect dialect) {
		this.file = file;
		this.root = root;
		this.iri = "https://interaction-service.invalid/" + file.getFileName();
		String text = JSON.writeValueAsString(root);
		this.registry = SchemaRegistry.withDefaultDialect(dialect, (builder) -> builder.schemas(Map.of(this.iri, text)));
	}

	static SpecDocument load(Path file, Dialect dialect) {
		try {
			return new SpecDocument(file, YAMLMapper.builder().build().readTree(Files.readString(file)), dialect);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + file, ex);
		}
	}

	JsonNode root() {
		return this.root;
	}

	Path file() {
		return this.file;
	}

	/** The node at a JSON pointer ({@code /components/schemas/X}), following one {@code $ref} if it is one. */
	JsonNode resolve(JsonNode node) {
		JsonNode current = node;
		for (int hops = 0; current != null && current.has("$ref") && hops < 10; hops++) {
			current = at(refPointer(current.get("$ref").asString()));
		}
		return current;
	}

	JsonNode at(String pointer) {
		JsonNode node = this.root.at(pointer);
		return node.isMissingNode() ? null : node;
	}

	/** Validates a value against the schema at the JSON pointer; each problem as "path: message". */
	List<String> validate(String pointer, JsonNode value) {
		Schema schema = this.registry.getSchema(SchemaLocation.of(this.iri + "#" + pointer));
		List<Error> errors = schema.validate(value);
		return errors.stream().map((error) -> {
			String location = String.valueOf(error.getInstanceLocation());
			return (location.isEmpty() ? "$" : location) + ": " + error.getMessage();
		}).toList();
	}

	static String refPointer(String ref) {
		if (!ref.startsWith("#")) {
			throw new IllegalArgumentException("Only local $refs are supported, not " + ref);
		}
		return ref.substring(1);
	}

	/** A JSON pointer token: '~' and '/' escaped (RFC 6901). */
	static String escape(String token) {
		return token.replace("~", "~0").replace("/", "~1");
	}

}
