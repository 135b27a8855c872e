package org.byoc.interaction.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The request-scoped collector of contract findings: the code that notices a leniency ({@link Leniency}) or
 * refuses a request reports it here, without knowing HTTP or the journal; the edge that opened the scope (the
 * request journal's filter) reads it when the request is over. Outside a scope every report is a no-op, so code
 * runs the same in tests and batch paths. A scope belongs to one thread: the request's.
 */
public final class ContractFindings {

	/** The json text kept for the journal: enough to read a request, bounded so a large body costs nothing. */
	public static final int MAX_BODY_CHARS = 8 * 1024;

	private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

	private ContractFindings() {
	}

	/** Opens a scope on this thread; {@code strictOrgs} tells whether an org (by its 15-character key) is strict. */
	public static Scope open(Predicate<String> strictOrgs) {
		Scope scope = new Scope(strictOrgs);
		CURRENT.set(scope);
		return scope;
	}

	public static @Nullable Scope current() {
		return CURRENT.get();
	}

	/** The org the request acts for, once known (15 or 18 characters): decides strictness. */
	public static void org(String orgId) {
		Scope scope = CURRENT.get();
		if (scope != null) {
			scope.orgKey = (orgId.length() == 18) ? orgId.substring(0, 15) : orgId;
		}
	}

	/** The conversation the request touched. */
	public static void conversation(@Nullable String conversationIdentifier) {
		Scope scope = CURRENT.get();
		if (scope != null && conversationIdentifier != null) {
			scope.conversation = conversationIdentifier;
		}
	}

	/** The request's JSON (a body, or the json part of a multipart request), kept bounded. */
	public static void body(byte[] json) {
		Scope scope = CURRENT.get();
		if (scope != null && scope.body == null) {
			int length = Math.min(json.length, MAX_BODY_CHARS * 4);
			String text = new String(json, 0, length, StandardCharsets.UTF_8);
			scope.body = (text.length() > MAX_BODY_CHARS) ? text.substring(0, MAX_BODY_CHARS) + "…" : text;
		}
	}

	/**
	 * A leniency: recorded as a warning, or in a strict org refused with the rule's code and a message naming the
	 * rule. Call it before anything is written, so a refusal leaves nothing behind.
	 */
	public static void warn(Leniency leniency, String detail) {
		if (!tolerated(leniency, detail)) {
			ErrorCode code = (leniency.strictCode() != null) ? leniency.strictCode() : ErrorCode.INVALID_PARAMETERS;
			String message = strictMessage(leniency, detail);
			Scope scope = CURRENT.get();
			if (scope != null) {
				scope.code = code.code();
				scope.findings.set(scope.findings.size() - 1,
						new Finding(Finding.REFUSAL, leniency.rule(), code.code(), message));
			}
			throw code.exception(message);
		}
	}

	/**
	 * For endpoints that refuse in their own form: true (and a warning recorded) when the leniency is tolerated,
	 * false when the org is strict and the caller must refuse, with {@link #strictMessage}.
	 */
	public static boolean tolerated(Leniency leniency, String detail) {
		Scope scope = CURRENT.get();
		if (scope == null) {
			return true;
		}
		if (scope.strict()) {
			scope.findings.add(new Finding(Finding.REFUSAL, leniency.rule(), null, strictMessage(leniency, detail)));
			return false;
		}
		scope.findings.add(new Finding(Finding.WARNING, leniency.rule(), null, detail + " (" + leniency.contractRule()
				+ ")"));
		return true;
	}

	public static String strictMessage(Leniency leniency, String detail) {
		return "Strict mode refuses " + leniency.rule() + ": " + detail + " (" + leniency.contractRule() + ").";
	}

	/** A refusal as the client saw it (called where refusals become bodies: {@link ErrorBody}, {@link Refusal}). */
	public static void refused(int code, String message) {
		refused("refused", code, message);
	}

	/** A refusal in an endpoint's own form (the token endpoint's OAuth {@code error}, no contract code). */
	public static void refused(String rule, @Nullable Integer code, String message) {
		Scope scope = CURRENT.get();
		if (scope != null) {
			if (code != null) {
				scope.code = code;
			}
			boolean known = scope.findings.stream()
				.anyMatch((f) -> Finding.REFUSAL.equals(f.kind()) && message.equals(f.message()));
			if (!known) {
				scope.findings.add(new Finding(Finding.REFUSAL, rule, code, message));
			}
		}
	}

	/** A fault the test kit injected into this request. */
	public static void injected(String rule, @Nullable Integer code, String message) {
		Scope scope = CURRENT.get();
		if (scope != null) {
			if (code != null) {
				scope.code = code;
			}
			scope.findings.add(new Finding(Finding.INJECTED, rule, code, message));
		}
	}

	/**
	 * Where the edge that opened the scope answers whether this request's next attachment store fails (the test kit's
	 * {@code failAttachmentStore} fault): the attachment module asks, without knowing HTTP or the test kit.
	 */
	public static void storeFaults(StoreFaults faults) {
		Scope scope = CURRENT.get();
		if (scope != null) {
			scope.storeFaults = faults;
		}
	}

	/**
	 * Asked just before a file is stored: the id of the fault rule that fails this store (recorded as injected), or
	 * null to store it.
	 */
	public static @Nullable String injectedStoreFailure(String conversationIdentifier) {
		Scope scope = CURRENT.get();
		if (scope == null || scope.storeFaults == null) {
			return null;
		}
		String rule = scope.storeFaults.failStore(conversationIdentifier);
		if (rule != null) {
			injected(rule, null, "failed the attachment store, as when it is down");
		}
		return rule;
	}

	/**
	 * The test kit delays this request's outbound events (its {@code delayEvents} fault): they are stored as usual and
	 * reach subscribers {@code millis} later.
	 */
	public static void delayEvents(String rule, long millis) {
		Scope scope = CURRENT.get();
		if (scope != null) {
			scope.eventDelayMillis = millis;
			injected(rule, null, "delayed the call's outbound events by " + millis + " ms");
		}
	}

	/** How long the events this request appends wait before subscribers see them: 0 but under a fault. */
	public static long eventDelayMillis() {
		Scope scope = CURRENT.get();
		return (scope != null) ? scope.eventDelayMillis : 0;
	}

	/** The test kit's answer to "does this store fail?" for one request. */
	@FunctionalInterface
	public interface StoreFaults {

		/** The id of the rule that fails the store of a file for this conversation now, or null. */
		@Nullable String failStore(String conversationIdentifier);

	}

	/**
	 * One finding.
	 *
	 * @param kind {@value #WARNING}, {@value #REFUSAL} or {@value #INJECTED}
	 * @param rule the leniency's rule, {@code refused}, or the fault's action
	 * @param code the contract code of a refusal or injected answer
	 */
	public record Finding(String kind, String rule, @Nullable Integer code, String message) {

		public static final String WARNING = "warning";

		public static final String REFUSAL = "refusal";

		public static final String INJECTED = "injected";

	}

	/** What one request reported. */
	public static final class Scope implements AutoCloseable {

		private final Predicate<String> strictOrgs;

		private final List<Finding> findings = new ArrayList<>(2);

		private @Nullable String orgKey;

		private @Nullable String conversation;

		private @Nullable String body;

		private @Nullable Integer code;

		private @Nullable StoreFaults storeFaults;

		private long eventDelayMillis;

		private Scope(Predicate<String> strictOrgs) {
			this.strictOrgs = strictOrgs;
		}

		boolean strict() {
			return this.orgKey != null && this.strictOrgs.test(this.orgKey);
		}

		public @Nullable String orgKey() {
			return this.orgKey;
		}

		public @Nullable String conversation() {
			return this.conversation;
		}

		public @Nullable String body() {
			return this.body;
		}

		public @Nullable Integer code() {
			return this.code;
		}

		public List<Finding> findings() {
			return List.copyOf(this.findings);
		}

		@Override
		public void close() {
			if (CURRENT.get() == this) {
				CURRENT.remove();
			}
		}

	}

}
