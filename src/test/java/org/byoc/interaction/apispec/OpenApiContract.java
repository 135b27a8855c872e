package org.byoc.interaction.apispec;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.networknt.schema.dialect.Dialects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks HTTP exchanges against {@code openapi/inbound-interaction-api.yaml}: the path and method must be an
 * operation of the spec, the status one of its declared responses, and the response's content type, body and
 * required headers what that response declares. When the service accepted a request (2xx), the request must also be
 * one the spec allows (security, header and query parameters, body): accepting what the spec forbids is drift too.
 * A refused request may break the spec (that is often the point of the test); its answer must still be declared.
 * A path that is not in the spec may only be refused (with the flat error body: the API door answers before it knows
 * whether a path exists), and a method that is not only with 405, so serving a new endpoint means adding it to the
 * spec; {@code SpecCoversEveryEndpointTest} also catches endpoints no test calls.
 */
public final class OpenApiContract {

	public static final Path SPEC = Path.of("openapi", "inbound-interaction-api.yaml");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The {@code bench} profile's do-nothing baseline (BenchNoopController): a measuring aid, absent from the
	 * service partners run, so not part of the API the spec describes.
	 */
	static final String BENCH_PATHS = "/api/v1/bench/";

	private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
			"trace");

	private final SpecDocument spec;

	private final List<PathTemplate> paths = new ArrayList<>();

	private OpenApiContract(SpecDocument spec) {
		this.spec = spec;
		spec.root().path("paths").properties().forEach((entry) -> this.paths.add(PathTemplate.of(entry.getKey())));
	}

	public static OpenApiContract load() {
		return load(SPEC);
	}

	public static OpenApiContract load(Path file) {
		return new OpenApiContract(SpecDocument.load(file, Dialects.getOpenApi31()));
	}

	/** Every operation of the spec as "METHOD /path". */
	public List<String> operations() {
		List<String> operations = new ArrayList<>();
		for (PathTemplate template : this.paths) {
			JsonNode item = this.spec.resolve(pathItem(template));
			for (String method : METHODS) {
				if (item.has(method)) {
					operations.add(method.toUpperCase(Locale.ROOT) + " " + template.template());
				}
			}
		}
		return operations;
	}

	/** Every error code an operation of the spec may answer, from the code enums of its responses. */
	public List<Integer> declaredErrorCodes() {
		List<Integer> codes = new ArrayList<>();
		collectCodes(this.spec.root(), codes);
		return codes.stream().distinct().sorted().toList();
	}

	private static void collectCodes(JsonNode node, List<Integer> codes) {
		if (node.isObject()) {
			JsonNode code = node.get("code");
			if (code != null && code.isObject()) {
				code.path("enum").forEach((value) -> codes.add(value.asInt()));
				if (code.has("const")) {
					codes.add(code.get("const").asInt());
				}
			}
			node.values().forEach((child) -> collectCodes(child, codes));
		}
		else if (node.isArray()) {
			node.values().forEach((child) -> collectCodes(child, codes));
		}
	}

	/** What in the exchange disagrees with the spec; empty when it conforms. */
	public List<String> validate(HttpExchange exchange) {
		List<String> violations = new ArrayList<>();
		if (exchange.path().startsWith(BENCH_PATHS)) {
			return violations;
		}
		PathTemplate template = this.paths.stream().filter((t) -> t.matches(exchange.path())).findFirst().orElse(null);
		if (template == null) {
			if (exchange.status() < 400) {
				violations.add(exchange + ": the path is not in the spec");
			}
			else {
				violations.addAll(prefix(exchange, "error body", validateJson("/components/schemas/Error", exchange)));
			}
			return violations;
		}
		JsonNode item = this.spec.resolve(pathItem(template));
		String method = exchange.method().toLowerCase(Locale.ROOT);
		if (!item.has(method)) {
			if (exchange.status() != 405) {
				violations.add(exchange + ": " + exchange.method() + " is not an operation of " + template.template()
						+ " in the spec");
			}
			return violations;
		}
		String operationPointer = "/paths/" + SpecDocument.escape(template.template()) + "/" + method;
		JsonNode operation = item.get(method);
		checkResponse(exchange, operationPointer, operation, violations);
		if (exchange.status() >= 200 && exchange.status() < 300) {
			checkRequest(exchange, template, item, operationPointer, operation, violations);
		}
		return violations;
	}

	private JsonNode pathItem(PathTemplate template) {
		return this.spec.root().path("paths").get(template.template());
	}

	// ------------------------------------------------------------------------------------------------ responses

	private void checkResponse(HttpExchange exchange, String operationPointer, JsonNode operation,
			List<String> violations) {
		JsonNode responses = operation.path("responses");
		String status = Integer.toString(exchange.status());
		String key = responses.has(status) ? status
				: responses.has(status.charAt(0) + "XX") ? status.charAt(0) + "XX"
						: responses.has("default") ? "default" : null;
		if (key == null || (key.equals("default") && exchange.status() < 300)) {
			violations.add(exchange + ": status " + status + " is not a declared response");
			return;
		}
		String pointer = operationPointer + "/responses/" + key;
		JsonNode response = responses.get(key);
		if (response.has("$ref")) {
			pointer = SpecDocument.refPointer(response.get("$ref").asString());
			response = this.spec.at(pointer);
		}
		for (Map.Entry<String, JsonNode> header : response.path("headers").properties()) {
			String headerPointer = header.getValue().has("$ref")
					? SpecDocument.refPointer(header.getValue().get("$ref").asString())
					: pointer + "/headers/" + SpecDocument.escape(header.getKey());
			JsonNode declared = this.spec.at(headerPointer);
			String value = exchange.responseHeader(header.getKey());
			if (value == null) {
				if (declared.path("required").asBoolean(false)) {
					violations.add(exchange + ": response header " + header.getKey() + " is missing");
				}
			}
			else if (declared.has("schema")) {
				violations.addAll(prefix(exchange, "response header " + header.getKey(),
						validateScalar(headerPointer + "/schema", declared.get("schema"), value)));
			}
		}
		JsonNode content = response.get("content");
		if (content == null) {
			// an untyped body under a status declared without content is the container's own page (e.g. a 408 after
			// a stalled upload), not an API payload
			if (exchange.responseBody().length > 0 && exchange.responseContentType() != null) {
				violations.add(exchange + ": the response has a body, the spec declares none");
			}
			return;
		}
		String mediaType = matchMediaType(content, exchange.responseContentType());
		if (mediaType == null) {
			violations.add(exchange + ": response content type " + exchange.responseContentType()
					+ " is not one of " + fieldNames(content));
			return;
		}
		if (!isJson(mediaType) || !content.get(mediaType).has("schema")) {
			return;
		}
		JsonNode body;
		try {
			body = JSON.readTree(exchange.responseBody());
		}
		catch (JacksonException ex) {
			violations.add(exchange + ": the response body is not JSON");
			return;
		}
		violations.addAll(prefix(exchange, "response body",
				this.spec.validate(pointer + "/content/" + SpecDocument.escape(mediaType) + "/schema", body)));
	}

	private List<String> validateJson(String schemaPointer, HttpExchange exchange) {
		try {
			return this.spec.validate(schemaPointer, JSON.readTree(exchange.responseBody()));
		}
		catch (JacksonException ex) {
			return List.of("is not JSON");
		}
	}

	// ------------------------------------------------------------------------------------------------ requests

	private void checkRequest(HttpExchange exchange, PathTemplate template, JsonNode item, String operationPointer,
			JsonNode operation, List<String> violations) {
		JsonNode security = operation.has("security") ? operation.get("security") : this.spec.root().path("security");
		if (security.size() > 0 && !security.get(0).isEmpty()) {
			String authorization = exchange.requestHeader("Authorization");
			if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
				violations.add(exchange + ": accepted without 'Authorization: Bearer ...' (security "
						+ fieldNames(security.get(0)) + ")");
			}
		}
		Map<String, String> pathValues = template.values(exchange.path());
		Map<String, String> queryValues = query(exchange.query());
		List<Parameter> parameters = new ArrayList<>();
		addParameters(item.path("parameters"), "/paths/" + SpecDocument.escape(template.template()) + "/parameters",
				parameters);
		addParameters(operation.path("parameters"), operationPointer + "/parameters", parameters);
		for (Parameter parameter : parameters) {
			String in = parameter.node().path("in").asString();
			String name = parameter.node().path("name").asString();
			String value = switch (in) {
				case "header" -> exchange.requestHeader(name);
				case "query" -> queryValues.get(name);
				case "path" -> pathValues.get(name);
				default -> null;
			};
			if (value == null) {
				if (parameter.node().path("required").asBoolean(false)) {
					violations.add(exchange + ": accepted without the required " + in + " parameter " + name);
				}
				continue;
			}
			violations.addAll(prefix(exchange, in + " parameter " + name,
					validateScalar(parameter.pointer() + "/schema", parameter.node().path("schema"), value)));
		}
		JsonNode requestBody = operation.get("requestBody");
		if (requestBody == null) {
			return;
		}
		String bodyPointer = operationPointer + "/requestBody";
		if (requestBody.has("$ref")) {
			bodyPointer = SpecDocument.refPointer(requestBody.get("$ref").asString());
			requestBody = this.spec.at(bodyPointer);
		}
		if (exchange.requestBodyProblem() != null) {
			violations.add(exchange + ": accepted a request body that " + exchange.requestBodyProblem());
			return;
		}
		if (exchange.requestBody() == null) {
			if (requestBody.path("required").asBoolean(false)) {
				violations.add(exchange + ": accepted without the required request body");
			}
			return;
		}
		JsonNode content = requestBody.path("content");
		String mediaType = matchMediaType(content, exchange.requestContentType());
		if (mediaType == null) {
			violations.add(exchange + ": accepted request content type " + exchange.requestContentType()
					+ ", the spec has " + fieldNames(content));
			return;
		}
		if (content.get(mediaType).has("schema")) {
			violations.addAll(prefix(exchange, "request body", this.spec
				.validate(bodyPointer + "/content/" + SpecDocument.escape(mediaType) + "/schema", exchange.requestBody())));
		}
	}

	private void addParameters(JsonNode list, String pointer, List<Parameter> parameters) {
		for (int i = 0; i < list.size(); i++) {
			JsonNode parameter = list.get(i);
			String at = pointer + "/" + i;
			if (parameter.has("$ref")) {
				at = SpecDocument.refPointer(parameter.get("$ref").asString());
				parameter = this.spec.at(at);
			}
			parameters.add(new Parameter(at, parameter));
		}
	}

	/** A header, query or path value against its schema: as a string, or as a number where the schema says so. */
	private List<String> validateScalar(String schemaPointer, JsonNode schema, String value) {
		JsonNode resolved = this.spec.resolve(schema);
		String type = (resolved != null) ? resolved.path("type").asString("") : "";
		JsonNode node = JsonNodeFactory.instance.stringNode(value);
		if (type.equals("integer") || type.equals("number")) {
			try {
				node = JSON.readTree(value);
			}
			catch (JacksonException ex) {
				return List.of("'" + value + "' is not a number");
			}
		}
		return this.spec.validate(schemaPointer, node);
	}

	// ------------------------------------------------------------------------------------------------ helpers

	private static String matchMediaType(JsonNode content, String contentType) {
		if (contentType == null) {
			return null;
		}
		String actual = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
		String wildcard = null;
		for (String declared : fieldNames(content)) {
			String type = declared.toLowerCase(Locale.ROOT);
			if (type.equals(actual)) {
				return declared;
			}
			if (type.equals("*/*") || (type.endsWith("/*") && actual.startsWith(type.substring(0, type.length() - 1)))) {
				wildcard = declared;
			}
		}
		return wildcard;
	}

	private static boolean isJson(String mediaType) {
		String type = mediaType.toLowerCase(Locale.ROOT);
		return type.equals("application/json") || type.endsWith("+json");
	}

	private static List<String> fieldNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

	private static List<String> prefix(HttpExchange exchange, String what, List<String> problems) {
		return problems.stream().map((problem) -> exchange + ": " + what + " " + problem).toList();
	}

	static Map<String, String> query(String query) {
		Map<String, String> values = new LinkedHashMap<>();
		if (query == null || query.isEmpty()) {
			return values;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			values.putIfAbsent(name, value);
		}
		return values;
	}

	/** An ObjectNode of strings, the JSON value a form body's schema describes. */
	static ObjectNode formObject(Map<String, String> fields) {
		ObjectNode object = JsonNodeFactory.instance.objectNode();
		fields.forEach(object::put);
		return object;
	}

	private record Parameter(String pointer, JsonNode node) {
	}

	/** A path of the spec, {@code /files/{attachmentId}}, matched segment by segment. */
	private record PathTemplate(String template, Pattern pattern, List<String> names) {

		static PathTemplate of(String template) {
			List<String> names = new ArrayList<>();
			StringBuilder regex = new StringBuilder("^");
			for (String segment : template.split("/", -1)) {
				if (regex.length() > 1) {
					regex.append('/');
				}
				if (segment.startsWith("{") && segment.endsWith("}")) {
					names.add(segment.substring(1, segment.length() - 1));
					regex.append("([^/]+)");
				}
				else {
					regex.append(Pattern.quote(segment));
				}
			}
			return new PathTemplate(template, Pattern.compile(regex.append("$").toString()), names);
		}

		boolean matches(String path) {
			return this.pattern.matcher(path).matches();
		}

		Map<String, String> values(String path) {
			var matcher = this.pattern.matcher(path);
			Map<String, String> values = new LinkedHashMap<>();
			if (matcher.matches()) {
				for (int i = 0; i < this.names.size(); i++) {
					values.put(this.names.get(i), URLDecoder.decode(matcher.group(i + 1), StandardCharsets.UTF_8));
				}
			}
			return values;
		}

	}

}
