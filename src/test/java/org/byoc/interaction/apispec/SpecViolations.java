package org.byoc.interaction.apispec;

import java.util.ArrayList;
import java.util.List;

/**
 * Disagreements with our specs found while tests ran, across all application contexts of the test JVM. The
 * {@link SpecConformanceExtension} drains them after each test and fails that test, so a drift surfaces in the test
 * that caused it.
 */
public final class SpecViolations {

	private static final List<String> found = new ArrayList<>();

	private SpecViolations() {
	}

	public static synchronized void add(List<String> violations) {
		found.addAll(violations);
	}

	public static synchronized List<String> drain() {
		List<String> drained = List.copyOf(found);
		found.clear();
		return drained;
	}

}
