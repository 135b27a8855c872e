package org.byoc.interaction.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's runnable examples: the fenced bash blocks between {@code <!-- name: begin -->} and
 * {@code <!-- name: end -->}, run with bash in a folder laid out like a fresh clone (scripts, docs and the admin-key
 * script linked in, a data directory of its own), pointed at a test's ports.
 */
final class ReadmeBlocks {

	static final Path repo = Path.of("").toAbsolutePath();

	private ReadmeBlocks() {
	}

	static List<String> section(String marker) throws IOException {
		String readme = Files.readString(repo.resolve("README.md"), StandardCharsets.UTF_8);
		int begin = readme.indexOf("<!-- " + marker + ": begin -->");
		int end = readme.indexOf("<!-- " + marker + ": end -->");
		assertThat(begin).as("README marker " + marker).isNotNegative();
		Matcher blocks = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(begin, end));
		List<String> commands = new ArrayList<>();
		while (blocks.find()) {
			commands.add(blocks.group(1));
		}
		return commands;
	}

	/** The walk-through's "Get a token" block. */
	static String tokenBlock() throws IOException {
		return section("readme-examples").stream()
			.filter((block) -> block.contains("get-token.sh"))
			.findFirst()
			.orElseThrow();
	}

	/** Runs the script (strict bash) in the checkout with the README's ports replaced; answers its output. */
	static String run(Path checkout, String script, int port, int managementPort)
			throws IOException, InterruptedException {
		String pointed = script.replace("localhost:8085", "localhost:" + port)
			.replace("localhost:7080", "localhost:" + managementPort);
		Process process = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + pointed)
			.directory(checkout.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

	static int count(String text, String needle) {
		return text.split(Pattern.quote(needle), -1).length - 1;
	}

	/** A folder with the repository's scripts and docs, as a newcomer's clone, and its own data directory. */
	static Path newCheckout() {
		try {
			Path dir = Files.createTempDirectory(Path.of("target"), "readme-checkout-").toAbsolutePath();
			for (String item : List.of("scripts", "docs", "generate_admin_key.sh")) {
				Files.createSymbolicLink(dir.resolve(item), repo.resolve(item));
			}
			return dir;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
