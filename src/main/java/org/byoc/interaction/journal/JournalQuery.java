package org.byoc.interaction.journal;

import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.util.AntPathMatcher;

import org.byoc.interaction.contract.ContractFindings.Finding;
import org.byoc.interaction.contract.ErrorCode;

/**
 * Which journal entries a reader wants (all filters optional, combined with and).
 *
 * @param path the exact path, or a pattern ({@code /api/v1/*}); for gRPC the method name ({@code Subscribe})
 * @param method the HTTP method
 * @param status a status ({@code 503}), a class ({@code 4xx}) or a gRPC status name
 * @param finding a finding's rule ({@code trailing-content}), its kind ({@code warning}, {@code refusal},
 * {@code injected}) or {@code any}
 * @param conversation the conversation identifier
 * @param since only calls at or after this time
 */
public record JournalQuery(@Nullable String path, @Nullable String method, @Nullable String status,
		@Nullable String finding, @Nullable String conversation, @Nullable Instant since) {

	private static final AntPathMatcher PATHS = new AntPathMatcher();

	public static final JournalQuery ALL = new JournalQuery(null, null, null, null, null, null);

	/** Reads {@code since} as an ISO-8601 instant or epoch milliseconds. */
	public static @Nullable Instant since(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return text.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(text))
					: Instant.parse(text);
		}
		catch (RuntimeException ex) {
			throw ErrorCode.INVALID_PARAMETERS
				.exception("since must be an ISO-8601 instant or epoch milliseconds, not '" + text + "'.");
		}
	}

	boolean matches(JournalEntry entry) {
		return pathMatches(entry) && (this.method == null || this.method.equalsIgnoreCase(entry.method()))
				&& statusMatches(entry.status()) && findingMatches(entry)
				&& (this.conversation == null || this.conversation.equals(entry.conversationIdentifier()))
				&& (this.since == null || !entry.time().isBefore(this.since));
	}

	private boolean pathMatches(JournalEntry entry) {
		if (this.path == null || this.path.isBlank()) {
			return true;
		}
		if ("grpc".equals(entry.protocol())) {
			return entry.method().equals(this.path) || entry.method().endsWith("/" + this.path);
		}
		return this.path.equals(entry.path()) || (PATHS.isPattern(this.path) && PATHS.match(this.path, entry.path()));
	}

	private boolean statusMatches(String status) {
		if (this.status == null || this.status.isBlank()) {
			return true;
		}
		String wanted = this.status.toLowerCase(Locale.ROOT);
		if (wanted.length() == 3 && wanted.endsWith("xx")) {
			return status.length() == 3 && status.charAt(0) == wanted.charAt(0);
		}
		return wanted.equalsIgnoreCase(status);
	}

	private boolean findingMatches(JournalEntry entry) {
		if (this.finding == null || this.finding.isBlank()) {
			return true;
		}
		if ("any".equals(this.finding)) {
			return !entry.findings().isEmpty();
		}
		if ("none".equals(this.finding)) {
			return entry.findings().isEmpty();
		}
		for (Finding found : entry.findings()) {
			if (this.finding.equals(found.kind()) || this.finding.equals(found.rule())) {
				return true;
			}
		}
		return false;
	}

}
