package org.byoc.interaction.apispec;

import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class by JUnit's extension auto-detection (META-INF/services and
 * junit-platform.properties): after each test, and after each class, the HTTP exchanges and outbound events the
 * service produced must have matched openapi/*.yaml, or the test fails with the disagreements.
 */
public final class SpecConformanceExtension implements AfterEachCallback, AfterAllCallback {

	@Override
	public void afterEach(ExtensionContext context) {
		report();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		report();
	}

	private static void report() {
		OutboundEventAudit.checkAll();
		List<String> violations = SpecViolations.drain();
		if (!violations.isEmpty()) {
			throw new AssertionError("The service disagrees with its spec (openapi/*.yaml); fix the service or the spec:\n  "
					+ String.join("\n  ", violations));
		}
	}

}
