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
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.routing.AgentWork;
import org.byoc.interaction.routing.AgentWorks;
import org.byoc.interaction.routing.ConsentStatus;
import org.byoc.interaction.routing.Consents;
import org.byoc.interaction.routing.PendingServiceRouting;
import org.byoc.interaction.routing.RoutingType;
import org.byoc.interaction.routing.Routings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the README's routing section (route, agentWork, consent, agent side) exactly as printed, after its "Get a
 * token" block, with bash and curl against the demo org; only the ports differ. Skipped when curl is missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoutingReadmeExamplesTest {

	static final String ORG = "00D5g000004SWby";

	static final String ADDRESS = "b0ffeafe-0d89-4338-b14a-172ad203f22a";

	static final String END_USER = "+15557654321";

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

	@Autowired
	Routings routings;

	@Autowired
	AgentWorks agentWorks;

	@Autowired
	Consents consents;

	@Test
	void whenTheReadmeRoutingExamplesRunAsPrintedThenEachIsAcceptedAndLeavesItsState() throws Exception {
		assumeTrue(onPath("curl"), "curl is not installed: the README's curl examples cannot run here");
		String script = tokenBlock() + "\n" + routingBlocks();
		assertThat(script).contains("/api/v1/route", "/api/v1/agentWork", "/api/v1/consent", "-X DELETE");

		String output = run(script.replace("localhost:8085", "localhost:" + this.port)
			.replace("localhost:7080", "localhost:" + this.managementPort));

		// three routes, three agent works and the delete answer 202; consent answers 200
		assertThat(count(output, "< HTTP/1.1 202")).as(output).isEqualTo(7);
		assertThat(count(output, "< HTTP/1.1 200")).as(output).isEqualTo(1);
		assertThat(output).doesNotContain("< HTTP/1.1 4").doesNotContain("< HTTP/1.1 5").doesNotContain("\"code\":");
		assertThat(output).contains("\"existPsr\":true").contains("\"existPsr\":false");

		Conversation conversation = this.conversations.find(ORG, ADDRESS, END_USER).orElseThrow();
		String id = conversation.conversationIdentifier();
		assertThat(this.routings.routingsOf(ORG, id)).extracting(PendingServiceRouting::routingType,
				PendingServiceRouting::status)
			.containsExactly(tuple(RoutingType.Initial, PendingServiceRouting.Status.Canceled),
					tuple(RoutingType.Initial, PendingServiceRouting.Status.Canceled),
					tuple(RoutingType.Initial, PendingServiceRouting.Status.Canceled),
					tuple(RoutingType.Transfer, PendingServiceRouting.Status.Canceled));
		assertThat(this.routings.routingsOf(ORG, id).get(0).routingAttributes()).containsEntry("orderNumber",
				"ORD-1001");
		assertThat(this.agentWorks.workOf(ORG, id)).extracting(AgentWork::userId, AgentWork::status)
			.containsExactly(tuple("0055g00000AgEnT", AgentWork.Status.Canceled),
					tuple("0055g00000AgEnT", AgentWork.Status.Closed),
					tuple("0055g00000AbCdE", AgentWork.Status.Canceled));
		assertThat(this.consents.consent(ORG, ADDRESS, END_USER)).contains(ConsentStatus.ExplicitlyOptedIn);
		assertThat(this.conversations.session(conversation.currentSessionId()).orElseThrow().status())
			.isEqualTo(MessagingSession.Status.Ended);
	}

	/** The README's "Get a token" block. */
	private static String tokenBlock() throws IOException {
		return bashBlocks(section("readme-examples")).stream()
			.filter((block) -> block.contains("get-token.sh"))
			.findFirst()
			.orElseThrow();
	}

	private static String routingBlocks() throws IOException {
		return String.join("\n", bashBlocks(section("routing-examples")));
	}

	private static String section(String marker) throws IOException {
		String readme = Files.readString(repo.resolve("README.md"), StandardCharsets.UTF_8);
		return readme.substring(readme.indexOf("<!-- " + marker + ": begin -->"),
				readme.indexOf("<!-- " + marker + ": end -->"));
	}

	private static List<String> bashBlocks(String section) {
		Matcher blocks = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(section);
		List<String> commands = new ArrayList<>();
		while (blocks.find()) {
			commands.add(blocks.group(1));
		}
		return commands;
	}

	private static String run(String script) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + script).directory(checkout.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

	private static boolean onPath(String command) {
		try {
			return new ProcessBuilder("bash", "-c", "command -v " + command).start().waitFor() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static int count(String text, String needle) {
		return text.split(Pattern.quote(needle), -1).length - 1;
	}

	/** A folder with the repository's scripts, as a newcomer's clone, and its own data directory. */
	private static Path newCheckout() {
		try {
			Path dir = Files.createTempDirectory(Path.of("target"), "routing-readme-checkout-").toAbsolutePath();
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
