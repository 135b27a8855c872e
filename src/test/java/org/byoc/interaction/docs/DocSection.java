package org.byoc.interaction.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable sections of the README and the docs: the fenced {@code bash} blocks between
 * {@code <!-- marker: begin -->} and {@code <!-- marker: end -->} of one file. Each is run by an
 * {@code *ExamplesTest} (or, when it needs the packaged jar, an {@code *ExamplesIT}); {@link DocSectionsTest} fails
 * for a marker that is not listed here, or listed and not run.
 */
enum DocSection {

	TOUR("README.md", "tour-examples"),

	INTERACTIONS("docs/api-tour.md", "interactions-examples"),

	MORE_API("docs/api-tour.md", "more-api-examples"),

	CONTACT_CENTER_SENDS("docs/api-tour.md", "contact-center-sends-examples"),

	MANAGED_SUBSCRIPTION("docs/api-tour.md", "managed-subscription-examples"),

	ROUTING("docs/routing.md", "routing-examples"),

	QUEUE("docs/routing.md", "queue-examples"),

	ADMIN_TOKEN("docs/operations.md", "admin-token-examples"),

	MAINTENANCE("docs/operations.md", "maintenance-examples"),

	SCRIPTED_AGENT("docs/testing.md", "scripted-agent-examples"),

	CLEAN_SLATE("docs/testing.md", "clean-slate-examples"),

	TEST_KIT("docs/testing.md", "test-kit-examples"),

	/** Run against the packaged jar, after {@code package}: by an {@code *ExamplesIT}. */
	CONVERSATION_IN_CI("README.md", "ci-examples");

	/** A section begins on a line of its own (a marker quoted in the text is not one). */
	static final Pattern BEGIN = Pattern.compile("(?m)^<!-- ([a-z0-9-]+): begin -->[ \\t]*$");

	/** The path from the repository's root. */
	final String file;

	final String marker;

	DocSection(String file, String marker) {
		this.file = file;
		this.marker = marker;
	}

	String begin() {
		return "<!-- " + this.marker + ": begin -->";
	}

	String end() {
		return "<!-- " + this.marker + ": end -->";
	}

	/** The names of the sections a markdown text opens. */
	static List<String> markersIn(String markdown) {
		Matcher begin = BEGIN.matcher(markdown);
		List<String> markers = new ArrayList<>();
		while (begin.find()) {
			markers.add(begin.group(1));
		}
		return markers;
	}

}
