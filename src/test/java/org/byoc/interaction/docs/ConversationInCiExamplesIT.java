package org.byoc.interaction.docs;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's "Testing your middleware in CI" script exactly as printed against the jar this build packaged,
 * started by the script itself in a folder laid out like a fresh clone; only the ports differ (environment variables
 * for the service, the printed ports replaced for the clients). Failsafe runs it after {@code package}.
 */
class ConversationInCiExamplesIT {

	private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

	@Test
	void whenTheCiScriptRunsAsPrintedAgainstThePackagedJarThenTheAgentAnswersAndTheJournalHasNoFinding()
			throws Exception {
		Path checkout = DocBlocks.newCheckout();
		Files.createSymbolicLink(checkout.resolve("interaction-service.jar"), packagedJar());
		String script = DocBlocks.script(DocSection.CONVERSATION_IN_CI);
		assertThat(script).contains("java -jar interaction-service.jar", "\"times\": 1", "--retry 3",
				"/requests/count");
		int port = freePort();
		int managementPort = freePort();
		int grpcPort = freePort();

		String output = DocBlocks.run(checkout, script, port, managementPort, grpcPort,
				Map.of("SERVER_PORT", String.valueOf(port), "MANAGEMENT_SERVER_PORT", String.valueOf(managementPort),
						"SPRING_GRPC_SERVER_PORT", String.valueOf(grpcPort)));

		assertThat(output).contains("heard: TypingStartedIndicator", "heard: Your order ships today.",
				"heard: SessionStatusChanged", "the middleware is clean");
		assertThat(Files.readString(checkout.resolve("service.log"))).contains("Started InteractionServiceApplication");
	}

	@Test
	@SuppressWarnings("unchecked")
	void whenTheGithubActionsJobIsReadThenItBuildsTheJarAndRunsTheScript() {
		String readme = DocBlocks.read("README.md");
		String section = readme.substring(readme.indexOf("## Testing your middleware in CI"),
				readme.indexOf(DocSection.CONVERSATION_IN_CI.begin()));
		Matcher block = YAML_BLOCK.matcher(section);
		assertThat(block.find()).as("the job's YAML block").isTrue();
		Map<String, Object> workflow = new Yaml().load(block.group(1));
		Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) workflow.get("jobs")).values()
			.iterator()
			.next();
		List<Map<String, Object>> steps = (List<Map<String, Object>>) job.get("steps");
		List<Object> runs = steps.stream().map((step) -> step.get("run")).filter((run) -> run != null).toList();

		assertThat(runs).anySatisfy((run) -> assertThat(run.toString()).contains("./mvnw -B -q package -DskipTests")
			.contains("interaction-service.jar"));
		assertThat(runs).anySatisfy((run) -> assertThat(run.toString()).contains("ci/conversation.sh"));
		assertThat(steps).anySatisfy((step) -> assertThat(String.valueOf(step.get("with"))).contains("java-version=17"));
	}

	private static Path packagedJar() throws IOException {
		try (Stream<Path> files = Files.list(DocBlocks.repo.resolve("target"))) {
			return files
				.filter((f) -> f.getFileName().toString().matches("interaction-service-[^/]*\\.jar")
						&& !f.getFileName().toString().endsWith("-plain.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no packaged jar in target/: run ./mvnw verify"));
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
