package org.byoc.interaction.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.setup.FaultRule;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * An org's fault rules (the setup's {@code faults:} and those added over the admin API) and how often each has
 * acted. A rule acts on the next {@code times} matches, each with its {@code probability}, drawn from a generator
 * seeded with its {@code seed}: the same calls in the same order meet the same faults. Rules of one org never see
 * another org's calls.
 */
@Component
public class FaultInjector {

	private static final AntPathMatcher PATHS = new AntPathMatcher();

	private final SetupDirectory setup;

	private final Map<String, List<FaultRule>> added = new ConcurrentHashMap<>();

	/** Setup rules deleted over the admin API, by org and id (until the setup brings a changed rule). */
	private final Map<String, Set<FaultRule>> deleted = new ConcurrentHashMap<>();

	private final Map<String, RuleState> states = new ConcurrentHashMap<>();

	FaultInjector(SetupDirectory setup) {
		this.setup = setup;
	}

	/** The org's rules in force: the setup's first, then the admin API's in the order added. */
	public List<Rule> rules(String orgKey) {
		List<Rule> rules = new ArrayList<>();
		Set<FaultRule> gone = this.deleted.getOrDefault(orgKey, Set.of());
		for (FaultRule rule : this.setup.org(orgKey).map(Org::testKit).map(Org.TestKit::faults).orElse(List.of())) {
			if (!gone.contains(rule)) {
				rules.add(new Rule(rule, "setup", state(orgKey, rule).used()));
			}
		}
		for (FaultRule rule : this.added.getOrDefault(orgKey, List.of())) {
			rules.add(new Rule(rule, "admin", state(orgKey, rule).used()));
		}
		return rules;
	}

	/**
	 * The first rule that matches an HTTP call and acts on it now, or null. A rule for a conversation matches only a
	 * call known to touch it ({@code conversationIdentifier}, null when unknown). With {@code only}, only rules of
	 * that action are asked; without, the rules that act on the call itself (not on a store inside it).
	 */
	@Nullable FaultRule http(String orgKey, String method, String path, @Nullable String conversationIdentifier,
			FaultRule.@Nullable Action only) {
		for (Rule candidate : rules(orgKey)) {
			FaultRule rule = candidate.rule();
			if (rule.isGrpc() || (only != null && rule.action() != only) || (only == null && rule.action()
					== FaultRule.Action.failAttachmentStore)) {
				continue;
			}
			if (rule.conversationIdentifier() != null
					&& !rule.conversationIdentifier().equalsIgnoreCase(String.valueOf(conversationIdentifier))) {
				continue;
			}
			if ((rule.method() == null || rule.method().equals(method)) && pathMatches(rule.path(), path)
					&& state(orgKey, rule).fire()) {
				return rule;
			}
		}
		return null;
	}

	/** Whether a rule of the org is for one conversation (then the edge reads which conversation a call names). */
	boolean hasConversationRules(String orgKey) {
		return hasRules(orgKey) && rules(orgKey).stream().anyMatch((r) -> r.rule().conversationIdentifier() != null);
	}

	/** The first rule that matches a gRPC method (its bare name, {@code Subscribe}) and acts now, or null. */
	@Nullable FaultRule grpc(String orgKey, String grpcMethod) {
		for (Rule candidate : rules(orgKey)) {
			FaultRule rule = candidate.rule();
			if (rule.isGrpc() && grpcMethod.equals(rule.grpcMethod()) && state(orgKey, rule).fire()) {
				return rule;
			}
		}
		return null;
	}

	boolean hasRules(String orgKey) {
		return this.added.containsKey(orgKey)
				|| !this.setup.org(orgKey).map((org) -> org.testKit().faults().isEmpty()).orElse(true);
	}

	void add(String orgKey, FaultRule rule) {
		boolean taken = rules(orgKey).stream().anyMatch((r) -> r.rule().id().equals(rule.id()));
		if (taken) {
			throw ErrorCode.INVALID_PARAMETERS.exception("The org already has a fault rule " + rule.id()
					+ "; delete it first or choose another id.");
		}
		this.states.remove(key(orgKey, rule));
		this.added.computeIfAbsent(orgKey, (key) -> new CopyOnWriteArrayList<>()).add(rule);
	}

	boolean remove(String orgKey, String id) {
		boolean removed = false;
		for (Rule rule : rules(orgKey)) {
			if (rule.rule().id().equals(id)) {
				removed = true;
				forget(orgKey, rule);
			}
		}
		return removed;
	}

	void clear(String orgKey) {
		rules(orgKey).forEach((rule) -> forget(orgKey, rule));
	}

	private void forget(String orgKey, Rule rule) {
		if ("setup".equals(rule.source())) {
			this.deleted.computeIfAbsent(orgKey, (key) -> ConcurrentHashMap.newKeySet()).add(rule.rule());
		}
		else {
			List<FaultRule> rules = this.added.get(orgKey);
			if (rules != null) {
				rules.remove(rule.rule());
			}
		}
		this.states.remove(key(orgKey, rule.rule()));
	}

	private RuleState state(String orgKey, FaultRule rule) {
		return this.states.compute(key(orgKey, rule),
				(key, state) -> (state != null && state.rule.equals(rule)) ? state : new RuleState(rule));
	}

	private static String key(String orgKey, FaultRule rule) {
		return orgKey + "\u0000" + rule.id();
	}

	private static boolean pathMatches(@Nullable String pattern, String path) {
		if (pattern == null) {
			return true;
		}
		return pattern.equals(path) || (PATHS.isPattern(pattern) && PATHS.match(pattern, path));
	}

	/** A rule in force, where it came from ({@code setup} or {@code admin}) and how often it has acted. */
	public record Rule(FaultRule rule, String source, int used) {
	}

	private static final class RuleState {

		private final FaultRule rule;

		private final Random random;

		private int used;

		RuleState(FaultRule rule) {
			this.rule = rule;
			this.random = new Random(rule.seed());
		}

		synchronized int used() {
			return this.used;
		}

		synchronized boolean fire() {
			if (this.rule.times() != null && this.used >= this.rule.times()) {
				return false;
			}
			if (this.rule.probability() < 1.0 && this.random.nextDouble() >= this.rule.probability()) {
				return false;
			}
			this.used++;
			return true;
		}

	}

}
