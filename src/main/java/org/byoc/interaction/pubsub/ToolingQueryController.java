package org.byoc.interaction.pubsub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.auth.token.AccessTokenPrincipal;
import org.byoc.interaction.auth.token.AccessTokenVerifier;
import org.byoc.interaction.setup.ManagedSubscription;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.RecordIds;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * The one Tooling API query the vendor's npm Pub/Sub client makes before ManagedSubscribe, on the API port:
 * {@code GET /services/data/v62.0/tooling/query/?q=SELECT Id, DeveloperName, Metadata FROM ManagedEventSubscription
 * WHERE DeveloperName='…' LIMIT 1} with the access token, answered in the shape jsforce reads. Only that narrow form
 * of SOQL is understood (fields of ManagedEventSubscription, an optional equality on Id or DeveloperName, an optional
 * LIMIT); anything else is refused the vendor's way, a 400 with {@code [{"message", "errorCode"}]}.
 */
@RestController
class ToolingQueryController {

	static final String ENTITY = "ManagedEventSubscription";

	private static final Pattern VERSION = Pattern.compile("v\\d{2}\\.0");

	private static final String NAME = "[A-Za-z_][A-Za-z0-9_]*";

	private static final Pattern QUERY = Pattern.compile("\\s*SELECT\\s+(?<fields>" + NAME + "(?:\\s*,\\s*" + NAME
			+ ")*)\\s+FROM\\s+(?<entity>" + NAME + ")(?:\\s+WHERE\\s+(?<field>" + NAME
			+ ")\\s*=\\s*'(?<value>(?:[^'\\\\]|\\\\.)*)')?(?:\\s+LIMIT\\s+(?<limit>\\d{1,9}))?\\s*",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	/** The fields a query may select, in their vendor spelling, by lower-case name. */
	private static final Map<String, String> FIELDS = Map.of("id", "Id", "developername", "DeveloperName",
			"masterlabel", "MasterLabel", "fullname", "FullName", "metadata", "Metadata");

	private final AccessTokenVerifier tokens;

	private final SetupDirectory setup;

	ToolingQueryController(AccessTokenVerifier tokens, SetupDirectory setup) {
		this.tokens = tokens;
		this.setup = setup;
	}

	@GetMapping({ "/services/data/{version}/tooling/query", "/services/data/{version}/tooling/query/" })
	ResponseEntity<Object> query(@PathVariable String version, @RequestParam(name = "q", required = false) String q,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		Optional<AccessTokenPrincipal> caller = token(authorization).flatMap(this.tokens::verify);
		if (caller.isEmpty()) {
			return refuse(HttpStatus.UNAUTHORIZED, "INVALID_SESSION_ID", "Session expired or invalid");
		}
		if (!VERSION.matcher(version).matches()) {
			return refuse(HttpStatus.NOT_FOUND, "NOT_FOUND", "The requested resource does not exist");
		}
		if (q == null || q.isBlank()) {
			return refuse(HttpStatus.BAD_REQUEST, "MALFORMED_QUERY", "A query (parameter q) is required.");
		}
		Matcher query = QUERY.matcher(q);
		if (!query.matches()) {
			return refuse(HttpStatus.BAD_REQUEST, "MALFORMED_QUERY", "This service understands only SELECT <fields> "
					+ "FROM ManagedEventSubscription [WHERE Id = '...' | DeveloperName = '...'] [LIMIT n].");
		}
		if (!ENTITY.equalsIgnoreCase(query.group("entity"))) {
			return refuse(HttpStatus.BAD_REQUEST, "INVALID_TYPE",
					"sObject type '" + query.group("entity") + "' is not supported here; only " + ENTITY + " is.");
		}
		List<String> fields = new ArrayList<>();
		for (String field : query.group("fields").split(",")) {
			String known = FIELDS.get(field.trim().toLowerCase(Locale.ROOT));
			if (known == null) {
				return refuse(HttpStatus.BAD_REQUEST, "INVALID_FIELD",
						"No such column '" + field.trim() + "' on entity '" + ENTITY + "'.");
			}
			fields.add(known);
		}
		String filter = query.group("field");
		if (filter != null && !filter.equalsIgnoreCase("Id") && !filter.equalsIgnoreCase("DeveloperName")) {
			return refuse(HttpStatus.BAD_REQUEST, "INVALID_FIELD",
					"Filter on Id or DeveloperName; '" + filter + "' is not supported here.");
		}
		String value = (filter != null) ? query.group("value").replaceAll("\\\\(.)", "$1") : null;
		int limit = (query.group("limit") != null) ? Integer.parseInt(query.group("limit")) : Integer.MAX_VALUE;
		Org org = this.setup.org(caller.get().orgId()).orElse(null);
		List<ManagedSubscription> found = (org == null) ? List.of() : org.managedSubscriptions()
			.stream()
			.filter((m) -> filter == null || (filter.equalsIgnoreCase("Id") ? sameId(m.id(), value)
					: m.developerName().equalsIgnoreCase(value)))
			.limit(limit)
			.toList();
		if (found.size() > 1 && (fields.contains("Metadata") || fields.contains("FullName"))) {
			return refuse(HttpStatus.BAD_REQUEST, "MALFORMED_QUERY", "When retrieving results with Metadata or "
					+ "FullName fields, the query must select no more than one row.");
		}
		List<Map<String, Object>> records = found.stream().map((m) -> record(m, fields, version)).toList();
		return ResponseEntity.ok(new QueryResult(records.size(), records.size(), true, null, ENTITY, records));
	}

	private static boolean sameId(String id, String value) {
		return value.length() == 18 ? RecordIds.to18(id).equalsIgnoreCase(value) : id.equals(value);
	}

	private static Map<String, Object> record(ManagedSubscription subscription, List<String> fields, String version) {
		String id = RecordIds.to18(subscription.id());
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("attributes", Map.of("type", ENTITY, "url",
				"/services/data/" + version + "/tooling/sobjects/" + ENTITY + "/" + id));
		for (String field : fields) {
			switch (field) {
				case "Id" -> record.put("Id", id);
				case "DeveloperName" -> record.put("DeveloperName", subscription.developerName());
				case "MasterLabel" -> record.put("MasterLabel", subscription.label());
				case "FullName" -> record.put("FullName", subscription.developerName());
				default -> {
					Map<String, Object> metadata = new LinkedHashMap<>();
					metadata.put("defaultReplay", subscription.defaultReplay().name());
					metadata.put("errorRecoveryReplay", subscription.errorRecoveryReplay().name());
					metadata.put("label", subscription.label());
					metadata.put("state", subscription.state().name());
					metadata.put("topicName", subscription.topicName());
					record.put("Metadata", metadata);
				}
			}
		}
		return record;
	}

	/** The token of {@code Authorization: Bearer <token>} (or the older {@code OAuth <token>}). */
	private static Optional<String> token(String authorization) {
		if (authorization == null) {
			return Optional.empty();
		}
		String value = authorization.trim();
		for (String scheme : new String[] { "Bearer ", "OAuth " }) {
			if (value.regionMatches(true, 0, scheme, 0, scheme.length())) {
				String token = value.substring(scheme.length()).trim();
				return token.isEmpty() ? Optional.empty() : Optional.of(token);
			}
		}
		return Optional.empty();
	}

	private static ResponseEntity<Object> refuse(HttpStatus status, String errorCode, String message) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.body(List.of(new ToolingError(message, errorCode)));
	}

	/** A Tooling API query answer; its records carry the fields the query selected, so they stay maps. */
	record QueryResult(int size, int totalSize, boolean done, String queryLocator, String entityTypeName,
			List<Map<String, Object>> records) {
	}

	/** The Tooling API's error shape: a list of these. */
	record ToolingError(String message, String errorCode) {
	}

}
