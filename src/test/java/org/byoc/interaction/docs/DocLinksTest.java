package org.byoc.interaction.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Every relative link of README.md and docs/*.md names an existing file, and a heading of it where it names one. */
class DocLinksTest {

	@Test
	void whenTheDocsAreReadThenEveryRelativeLinkResolves() throws IOException {
		List<String> broken = new ArrayList<>();
		for (String file : DocSectionsTest.markdownFiles()) {
			for (String link : DocLinks.broken(DocBlocks.repo, file, DocBlocks.read(file), DocLinksTest::readIfExists)) {
				broken.add(file + ": " + link);
			}
		}
		assertThat(broken).isEmpty();
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
