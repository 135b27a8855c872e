package org.byoc.interaction.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every runnable section of the README and the docs is a {@link DocSection}, and every {@link DocSection} is run by
 * an {@code *ExamplesTest}: an example cannot be marked runnable without a test running it.
 */
class DocSectionsTest {

	@Test
	void whenTheDocsAreReadThenEveryMarkedSectionIsKnownAndHasBashBlocks() throws IOException {
		List<String> unknown = new ArrayList<>();
		for (String file : markdownFiles()) {
			for (String marker : DocSection.markersIn(DocBlocks.read(file))) {
				if (Stream.of(DocSection.values()).noneMatch((s) -> s.file.equals(file) && s.marker.equals(marker))) {
					unknown.add(file + ": " + marker);
				}
			}
		}
		assertThat(unknown).as("sections no DocSection names (add one, and a test that runs it)").isEmpty();
		for (DocSection section : DocSection.values()) {
			String text = DocBlocks.read(section.file);
			assertThat(DocBlocks.count(text, section.begin())).as(section + " begins once").isEqualTo(1);
			assertThat(DocBlocks.count(text, section.end())).as(section + " ends once").isEqualTo(1);
			assertThat(DocBlocks.section(section)).as(section + " has bash blocks").isNotEmpty();
		}
	}

	@Test
	void whenTheTestsAreReadThenEverySectionIsRunByAnExamplesTest() throws IOException {
		StringBuilder tests = new StringBuilder();
		try (Stream<Path> files = Files.list(DocBlocks.repo.resolve("src/test/java/org/byoc/interaction/docs"))) {
			for (Path file : files.filter(DocSectionsTest::runsExamples).toList()) {
				tests.append(Files.readString(file, StandardCharsets.UTF_8));
			}
		}
		for (DocSection section : DocSection.values()) {
			assertThat(tests).as("an *ExamplesTest or *ExamplesIT runs " + section).contains("DocSection." + section.name());
		}
	}

	@Test
	void whenAMarkdownTextOpensSectionsThenTheirNamesAreFound() {
		assertThat(DocSection.markersIn("intro\n<!-- tour-examples: begin -->\n```bash\ntrue\n```\n"
				+ "<!-- tour-examples: end -->\n<!-- new-examples: begin -->\nquoted: `<!-- name: begin -->`\n"))
			.containsExactly("tour-examples", "new-examples");
	}

	private static boolean runsExamples(Path file) {
		String name = file.getFileName().toString();
		return name.endsWith("ExamplesTest.java") || name.endsWith("ExamplesIT.java");
	}

	/** README.md and docs/*.md, as paths from the repository's root. */
	static List<String> markdownFiles() throws IOException {
		List<String> files = new ArrayList<>(List.of("README.md"));
		try (Stream<Path> docs = Files.list(DocBlocks.repo.resolve("docs"))) {
			docs.map((path) -> path.getFileName().toString())
				.filter((name) -> name.endsWith(".md"))
				.sorted()
				.forEach((name) -> files.add("docs/" + name));
		}
		return files;
	}

}
