package org.byoc.interaction.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runnable examples of the README and the docs (a {@link DocSection} each), run with bash in a folder laid out
 * like a fresh clone (scripts, docs, the admin-key script and the npm client's sources linked or copied in, a data
 * directory of its own), pointed at a test's ports.
 */
final class DocBlocks {

	static final Path repo = Path.of("").toAbsolutePath();

	private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);

	private DocBlocks() {
	}

	static String read(String file) {
		try {
			return Files.readString(repo.resolve(file), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The section's bash blocks, in the order printed. */
	static List<String> section(DocSection section) {
		String text = read(section.file);
		int begin = text.indexOf(section.begin());
		int end = text.indexOf(section.end());
		assertThat(begin).as(section.file + " marker " + section.marker).isNotNegative();
		assertThat(end).as(section.file + " end marker " + section.marker).isGreaterThan(begin);
		Matcher blocks = BASH_BLOCK.matcher(text.substring(begin, end));
		List<String> commands = new ArrayList<>();
		while (blocks.find()) {
			commands.add(blocks.group(1));
		}
		return commands;
	}

	/** The section's blocks as one script. */
	static String script(DocSection section) {
		return String.join("\n", section(section));
	}

	/** The first block of the section that contains the text. */
	static String block(DocSection section, String containing) {
		return section(section).stream()
			.filter((block) -> block.contains(containing))
			.findFirst()
			.orElseThrow(() -> new AssertionError(section.file + " " + section.marker + ": no block with " + containing));
	}

	/** The README tour's "Get a token" block: the docs' blocks run after it. */
	static String tokenBlock() {
		return block(DocSection.TOUR, "get-token.sh");
	}

	/** The README tour's message ("Hi there" from +15551234567). */
	static String tourMessageBlock() {
		return block(DocSection.TOUR, "/api/v1/interactions");
	}

	/**
	 * Runs the script (strict bash) in the checkout with the docs' ports (8085, 7080, 7443) replaced; answers its
	 * output.
	 */
	static String run(Path checkout, String script, int port, int managementPort, int grpcPort)
			throws IOException, InterruptedException {
		return run(checkout, script, port, managementPort, grpcPort, Map.of());
	}

	/** As printed, but pointed at the given ports, with these environment variables; stops what it started. */
	static String run(Path checkout, String script, int port, int managementPort, int grpcPort,
			Map<String, String> environment) throws IOException, InterruptedException {
		String pointed = script.replace("localhost:8085", "localhost:" + port)
			.replace("localhost:7080", "localhost:" + managementPort)
			.replace("localhost:7443", "localhost:" + grpcPort);
		ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + pointed)
			.directory(checkout.toFile())
			.redirectErrorStream(true);
		builder.environment().putAll(environment);
		Process process = builder.start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(output).isZero();
			return output;
		}
		finally {
			process.descendants().forEach(ProcessHandle::destroy);
			process.destroy();
		}
	}

	static int count(String text, String needle) {
		return text.split(Pattern.quote(needle), -1).length - 1;
	}

	/**
	 * A folder with the repository's scripts and docs, as a newcomer's clone, and its own data directory. The npm
	 * client's sources are copied, not linked, so that {@code npm ci} installs into the folder, not the repository.
	 */
	static Path newCheckout() {
		try {
			Path dir = Files.createTempDirectory(Path.of("target"), "readme-checkout-").toAbsolutePath();
			for (String item : List.of("scripts", "docs", "generate_admin_key.sh")) {
				Files.createSymbolicLink(dir.resolve(item), repo.resolve(item));
			}
			Path node = Files.createDirectories(dir.resolve("src/test/node"));
			for (String file : List.of("package.json", "package-lock.json", "receive-one-event.mjs",
					"managed-subscriber.mjs")) {
				Files.copy(repo.resolve("src/test/node").resolve(file), node.resolve(file));
			}
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
