package org.byoc.interaction.setup;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.byoc.interaction.contract.ErrorCode;

/**
 * A fault the test kit injects into an org's traffic (setup YAML {@code faults:} or the admin API): which calls it
 * matches (an HTTP method and path pattern, or a gRPC method; optionally one conversation), how often it acts (the
 * next {@code times} matches, or each with a {@code probability} drawn from a {@code seed}, so a run repeats), and
 * what it does.
 *
 * @param id the rule's name, unique in the org
 * @param method an HTTP method, or null for any
 * @param path an exact path or a pattern ({@code /api/v1/*}), or null for any partner API path
 * @param grpcMethod {@code Subscribe}, {@code ManagedSubscribe}, {@code Publish}, ... (then method and path are unused)
 * @param times how many matches it acts on, or null for every match
 * @param probability the chance it acts on a match (1 unless given)
 * @param status the HTTP status answered ({@link Action#respond})
 * @param code the contract code answered ({@link Action#respond})
 * @param retryAfterSeconds the {@code Retry-After} of a 429 or 503 answer
 * @param latencyMillis the delay {@link Action#latency} adds to the answer, {@link Action#delayEvents} to the events
 * @param grpcStatus the status an aborted stream closes with ({@link Action#abortStream})
 */
public record FaultRule(String id, @Nullable String method, @Nullable String path, @Nullable String grpcMethod,
		@Nullable String conversationIdentifier, @Nullable Integer times, double probability, long seed,
		Action action, int status, int code, String message, @Nullable Integer retryAfterSeconds, long latencyMillis,
		String grpcStatus) {

	/** What an injected fault does. */
	public enum Action {

		/** Answer the call with a status and the contract's code and body; the service never sees it. */
		respond,
		/** Hold the call for {@code latencyMillis}, then let the service answer it. */
		latency,
		/** Drop the connection before the service sees the request: nothing is written. */
		resetBefore,
		/** Let the service act and commit, then drop the connection: the partner's retry must not duplicate. */
		resetAfter,
		/**
		 * Let the service act and answer; the events it appends are stored at once (durable) but reach subscribers
		 * only {@code latencyMillis} later.
		 */
		delayEvents,
		/** Close the matching gRPC stream with {@code grpcStatus} instead of sending its next batch of events. */
		abortStream,
		/** Fail the attachment store on the next store: the service answers as it does when S3 is down. */
		failAttachmentStore

	}

	static final Set<String> KEYS = Set.of("id", "method", "path", "grpcMethod", "conversationIdentifier", "times",
			"probability", "seed", "action", "status", "code", "message", "retryAfterSeconds", "latencyMillis",
			"grpcStatus");

	private static final Set<String> GRPC_STATUSES = Set.of("UNAVAILABLE", "INTERNAL", "ABORTED", "CANCELLED",
			"DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED", "UNKNOWN");

	public boolean isGrpc() {
		return this.grpcMethod != null;
	}

	/** The rule as a plain tree, every value given ({@link #read} reads it back to an equal rule). */
	public Map<String, Object> toMap() {
		Map<String, Object> tree = new java.util.LinkedHashMap<>();
		tree.put("id", this.id);
		putIfPresent(tree, "method", this.method);
		putIfPresent(tree, "path", this.path);
		putIfPresent(tree, "grpcMethod", this.grpcMethod);
		putIfPresent(tree, "conversationIdentifier", this.conversationIdentifier);
		putIfPresent(tree, "times", this.times);
		tree.put("probability", this.probability);
		tree.put("seed", this.seed);
		tree.put("action", this.action.name());
		tree.put("status", this.status);
		tree.put("code", this.code);
		tree.put("message", this.message);
		putIfPresent(tree, "retryAfterSeconds", this.retryAfterSeconds);
		tree.put("latencyMillis", this.latencyMillis);
		tree.put("grpcStatus", this.grpcStatus);
		return tree;
	}

	private static void putIfPresent(Map<String, Object> tree, String key, @Nullable Object value) {
		if (value != null) {
			tree.put(key, value);
		}
	}

	/**
	 * Reads a rule from a plain tree (YAML or JSON mapped to maps, lists and scalars).
	 *
	 * @throws IllegalArgumentException naming the key at fault
	 */
	public static FaultRule read(String defaultId, Map<String, ?> fields) {
		for (String key : fields.keySet()) {
			if (!KEYS.contains(key)) {
				throw new IllegalArgumentException(key + ": unknown key (allowed: " + String.join(", ",
						KEYS.stream().sorted().toList()) + ")");
			}
		}
		String id = text(fields, "id", defaultId);
		String method = text(fields, "method", null);
		method = (method != null) ? method.toUpperCase(Locale.ROOT) : null;
		String path = text(fields, "path", null);
		if (path != null && !path.startsWith("/")) {
			throw new IllegalArgumentException("path: must start with /");
		}
		String grpcMethod = text(fields, "grpcMethod", null);
		Integer times = integer(fields, "times", null, 1, 1_000_000);
		double probability = number(fields, "probability", 1.0);
		Integer seed = integer(fields, "seed", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
		String actionName = text(fields, "action", (grpcMethod != null) ? "abortStream" : "respond");
		Action action = List.of(Action.values())
			.stream()
			.filter((a) -> a.name().equals(actionName))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("action: must be one of "
					+ List.of(Action.values()) + ", not '" + actionName + "'"));
		if ((action == Action.abortStream) != (grpcMethod != null)) {
			throw new IllegalArgumentException("action: abortStream goes with grpcMethod, the other actions with "
					+ "method/path");
		}
		if (grpcMethod != null && fields.get("conversationIdentifier") != null) {
			// a Subscribe stream serves every conversation of its topic: such a rule could never be told apart
			throw new IllegalArgumentException("conversationIdentifier: goes with method/path or failAttachmentStore, "
					+ "not with grpcMethod (a stream carries every conversation of its topic)");
		}
		int code = integer(fields, "code", (action == Action.respond) ? ErrorCode.DOWNSTREAM_TIMEOUT.code() : 0, 0,
				99_999);
		ErrorCode known = ErrorCode.of(code).orElse(null);
		int status = integer(fields, "status", (known != null) ? known.httpStatus() : 500, 400, 599);
		if (code == ErrorCode.CUSTOMER_ERROR.code() && !fields.containsKey("status")) {
			status = 500; // an injected 10058 is the vendor's internal-error answer
		}
		String message = text(fields, "message", (known != null) ? known.defaultMessage()
				: "The test kit injected this fault.");
		Integer retryAfter = integer(fields, "retryAfterSeconds",
				(status == 429 || status == 503) ? 1 : null, 0, 86_400);
		long latency = integer(fields, "latencyMillis",
				(action == Action.latency || action == Action.delayEvents) ? 1000 : 0, 0, 600_000);
		String grpcStatus = text(fields, "grpcStatus", "UNAVAILABLE").toUpperCase(Locale.ROOT);
		if (!GRPC_STATUSES.contains(grpcStatus)) {
			throw new IllegalArgumentException("grpcStatus: must be one of " + GRPC_STATUSES.stream().sorted().toList());
		}
		return new FaultRule(id, method, path, grpcMethod, text(fields, "conversationIdentifier", null), times,
				probability, seed, action, status, code, message, retryAfter, latency, grpcStatus);
	}

	private static @Nullable String text(Map<String, ?> fields, String key, @Nullable String defaultValue) {
		Object value = fields.get(key);
		if (value == null) {
			return defaultValue;
		}
		if (value instanceof Map || value instanceof List || value.toString().isBlank()) {
			throw new IllegalArgumentException(key + ": must be a non-blank text value");
		}
		return value.toString().trim();
	}

	private static @Nullable Integer integer(Map<String, ?> fields, String key, @Nullable Integer defaultValue,
			long min, long max) {
		Object value = fields.get(key);
		if (value == null) {
			return defaultValue;
		}
		if (!(value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger
				|| value instanceof Short) || ((Number) value).longValue() < min || ((Number) value).longValue() > max) {
			throw new IllegalArgumentException(key + ": must be a whole number from " + min + " to " + max);
		}
		return ((Number) value).intValue();
	}

	private static double number(Map<String, ?> fields, String key, double defaultValue) {
		Object value = fields.get(key);
		if (value == null) {
			return defaultValue;
		}
		if (!(value instanceof Number number) || number.doubleValue() < 0 || number.doubleValue() > 1) {
			throw new IllegalArgumentException(key + ": must be a number from 0 to 1");
		}
		return number.doubleValue();
	}

}
