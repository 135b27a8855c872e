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

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.TranscriptEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's walk-through blocks exactly as printed (only the ports differ), with bash, curl and openssl,
 * in a folder laid out like a fresh checkout whose service runs with the demo org.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadmeExamplesTest {

	static final Path repo = Path.of("").toAbsolutePath();

	static final Path checkout = newCheckout();

	@DynamicPropertySource
	static void demo(DynamicPropertyRegistry registry) {
		registry.add("interactionservice.data-dir", () -> checkout.resolve("data").toString());
		registry.add("interactionservice.setup-file", () -> "");
		registry.add("interactionservice.admin.public-key",
				() -> checkout.resolve("config/admin/admin_public.pem").toString());
	}

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	Conversations conversations;

	@Test
	void whenTheReadmeWalkThroughRunsAsPrintedThenEveryInteractionIsAcceptedAndStored() throws Exception {
		String script = walkThrough();
		assertThat(script).contains("/api/v1/interactions");

		String output = run(script);
		assertThat(count(output, "< HTTP/1.1 202")).as(output).isEqualTo(5);
		assertThat(count(output, "< HTTP/1.1 201")).as("the agent's reply").isEqualTo(1);
		assertThat(output).doesNotContain("< HTTP/1.1 4").doesNotContain("< HTTP/1.1 5");
		assertThat(output).contains("\"clientId\":\"+15551234567\"");

		Conversation conversation = this.conversations
			.find("00D5g000004SWby", "b0ffeafe-0d89-4338-b14a-172ad203f22a", "+15551234567")
			.orElseThrow();
		List<TranscriptEntry> transcript = this.conversations.transcript(conversation.conversationIdentifier());
		assertThat(transcript).extracting(TranscriptEntry::entryType)
			.containsExactly("Message", "MessageDeliveryFailed", "Message", "Message");
		assertThat(transcript.get(3).sender().role()).isEqualTo("Agent");
		assertThat(transcript.get(0).deliveryErrorCode()).isEqualTo("500");
		assertThat(transcript.get(2).attachmentId()).isNotNull();

		// the examples use fixed entry ids: running them again is a retry and changes nothing
		assertThat(count(run(script), "< HTTP/1.1 202")).isEqualTo(5);
		// ... except the agent, who replies again
		assertThat(this.conversations.transcript(conversation.conversationIdentifier())).hasSize(5);
	}

	/** The fenced bash blocks between the README's example markers, pointed at this test's ports. */
	private String walkThrough() throws IOException {
		String readme = Files.readString(repo.resolve("README.md"), StandardCharsets.UTF_8);
		String section = readme.substring(readme.indexOf("<!-- readme-examples: begin -->"),
				readme.indexOf("<!-- readme-examples: end -->"));
		Matcher blocks = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(section);
		List<String> commands = new ArrayList<>();
		while (blocks.find()) {
			commands.add(blocks.group(1));
		}
		return ("set -euo pipefail\n" + String.join("\n", commands)).replace("localhost:8085", "localhost:" + this.port)
			.replace("localhost:7080", "localhost:" + this.managementPort);
	}

	private static String run(String script) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("bash", "-c", script).directory(checkout.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

	private static int count(String text, String needle) {
		return text.split(Pattern.quote(needle), -1).length - 1;
	}

	/** A folder with the repository's scripts and docs, as a newcomer's clone, and its own data directory. */
	private static Path newCheckout() {
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
