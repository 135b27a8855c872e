package org.byoc.interaction.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Every relative link of README.md and docs/*.md names an existing file, and a heading of it where it names one. */
class DocLinksTest {

	/**
	 * Files another branch adds, linked already: accepted while missing. TODO(lead): after merging the branch that
	 * writes docs/architecture.md (issue 16), empty this set; the test below fails until then as a reminder.
	 */
	static final Set<String> PENDING = Set.of("docs/architecture.md");

	@Test
	void whenTheDocsAreReadThenEveryRelativeLinkResolves() throws IOException {
		List<String> broken = new ArrayList<>();
		for (String file : DocSectionsTest.markdownFiles()) {
			for (String link : DocLinks.broken(DocBlocks.repo, file, DocBlocks.read(file), DocLinksTest::readIfExists)) {
				if (PENDING.stream().noneMatch((pending) -> link.contains("(no file " + pending + ")"))) {
					broken.add(file + ": " + link);
				}
			}
		}
		assertThat(broken).isEmpty();
	}

	@Test
	void whenAPendingFileExistsThenItIsNoLongerPending() {
		for (String pending : PENDING) {
			assertThat(DocBlocks.repo.resolve(pending))
				.as("%s exists now: remove it from DocLinksTest.PENDING so that its links are checked", pending)
				.doesNotExist();
		}
	}

	@Test
	void whenALinkNamesAMissingFileOrHeadingThenItIsReported(@TempDir Path root) throws IOException {
		Files.createDirectories(root.resolve("docs"));
		Files.writeString(root.resolve("docs/guide.md"), "# Guide\n\n## Get a token (JWT)\n\n## Get a token (JWT)\n");
		Files.writeString(root.resolve("README.md"), "x");
		String markdown = """
				See [the guide](docs/guide.md#get-a-token-jwt), [again](docs/guide.md#get-a-token-jwt-1),
				[the top](#intro), [the web](https://example.com/x#y) and ![a picture](README.md).
				Broken: [gone](docs/gone.md), [no heading](docs/guide.md#run), [here](#nowhere).
				`[in code](docs/code.md)`

				```bash
				echo "[in a block](docs/block.md)"
				```

				## Intro
				""";
		List<String> broken = DocLinks.broken(root, "README.md", markdown, (file) -> read(root.resolve(file)));

		assertThat(broken).containsExactly("docs/gone.md (no file docs/gone.md)",
				"docs/guide.md#run (no heading #run in docs/guide.md)", "#nowhere (no heading #nowhere in README.md)");
	}

	private static String readIfExists(String file) {
		return read(DocBlocks.repo.resolve(file));
	}

	private static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file) : null;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
