package org.byoc.interaction.pubsub;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.InteractionServiceApplication;
import org.byoc.interaction.setup.ManagedSubscription;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vendor's npm Pub/Sub client, unchanged, as a durable consumer: it looks its managed subscription up through
 * the Tooling API query, subscribes with ManagedSubscribe, processes three of five events and commits the third. The
 * service is then stopped and started again on the same database; the client, started again, gets exactly the events
 * after the committed one (the two it saw but never committed, the one published while it was away, and the one
 * published after the restart): nothing lost, nothing repeated.
 */
class ManagedSubscribeNodeClientTest {

	static final String SUBSCRIPTION = "Partner_Durable_Consumer";

	static final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void installClient() throws Exception {
		PubSubNodeClientTest.installClient();
	}

	@Test
	void whenTheServiceRestartsThenTheNodeClientResumesAfterItsCommittedReplayId() throws Exception {
		Path dir = PubSubTestBase.newTestDir("managed-node");
		Path setupFile = PubSubTestBase.writeSetup(dir);
		List<String> published = new ArrayList<>();
		List<JsonNode> firstRun;
		try (ConfigurableApplicationContext first = start(dir, setupFile)) {
			for (int i = 1; i <= 5; i++) {
				published.add(EventLogRestartTest.publish(first, "event " + i));
			}
			firstRun = consume(first, dir, SUBSCRIPTION, 3);
			published.add(EventLogRestartTest.publish(first, "event 6, while the consumer is away"));
		}
		assertThat(firstRun).extracting((event) -> event.get("id").asString())
			.containsExactlyElementsOf(published.subList(0, 3));
		String subscriptionId = firstRun.get(0).get("subscriptionId").asString();
		assertThat(subscriptionId).startsWith("18x").hasSize(18);

		List<JsonNode> secondRun;
		try (ConfigurableApplicationContext second = start(dir, setupFile)) {
			published.add(EventLogRestartTest.publish(second, "event 7, after the restart"));
			// by record id this time; the client's Tooling API query then filters on Id
			secondRun = consume(second, dir, subscriptionId, 4);
		}
		assertThat(secondRun).extracting((event) -> event.get("id").asString())
			.containsExactlyElementsOf(published.subList(3, 7));
		assertThat(secondRun.get(0).get("replayId").asLong())
			.isGreaterThan(firstRun.get(2).get("replayId").asLong());
		assertThat(secondRun).extracting((event) -> event.at("/payload/EventType__c").asString())
			.containsOnly("Interaction");
	}

	/**
	 * The service on the test's data directory. Keepalives stay at their default (270 s), so the one response without
	 * events the consumer sees after its commit is the commit's answer.
	 */
	static ConfigurableApplicationContext start(Path dir, Path setupFile) {
		return new SpringApplicationBuilder(InteractionServiceApplication.class).run(
				"--interactionservice.data-dir=" + dir.resolve("data"), "--interactionservice.setup-file=" + setupFile,
				"--interactionservice.demo.enabled=false", "--server.port=0", "--management.server.port=0",
				"--spring.grpc.server.port=0", "--spring.main.banner-mode=off");
	}

	/** Runs the node consumer until it has processed and committed {@code count} events; answers their lines. */
	private static List<JsonNode> consume(ConfigurableApplicationContext node, Path dir, String subscription,
			int count) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("node", "managed-subscriber.mjs")
			.directory(PubSubNodeClientTest.work.toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT);
		builder.environment().put("LOGIN_URL", "http://localhost:" + node.getEnvironment().getProperty("local.server.port"));
		builder.environment().put("CLIENT_ID", PubSubTestBase.ACME_CONSUMER_KEY);
		builder.environment().put("USERNAME", "integration@acme.example");
		builder.environment().put("PRIVATE_KEY_FILE", dir.resolve("certs/server.key").toString());
		builder.environment()
			.put("PUBSUB_ENDPOINT", "localhost:" + node.getEnvironment().getProperty("local.grpc.server.port"));
		builder.environment().put("SUBSCRIPTION", subscription);
		builder.environment().put("COUNT", String.valueOf(count));
		builder.environment().put("TIMEOUT_MS", "30000");
		Process process = builder.start();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> {
				List<String> read = new ArrayList<>();
				try {
					for (String line = out.readLine(); line != null; line = out.readLine()) {
						read.add(line);
					}
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
				return read;
			});
			assertThat(process.waitFor(45, TimeUnit.SECONDS)).as("the node consumer ends").isTrue();
			List<String> output = lines.get(10, TimeUnit.SECONDS);
			assertThat(process.exitValue()).as("node exit code (2 stream error, 3 timeout, 5 refused): " + output)
				.isZero();
			List<JsonNode> events = output.stream()
				.filter((line) -> line.startsWith("EVENT "))
				.map((line) -> json.readTree(line.substring(6)))
				.toList();
			assertThat(events).hasSize(count);
			long last = events.get(count - 1).get("replayId").asLong();
			assertThat(output).contains("COMMITTED " + last);
			// the commit is in the database, not just answered
			ManagedSubscription stored = node.getBean(SetupDirectory.class)
				.org(PubSubTestBase.ACME)
				.flatMap((org) -> org.managedSubscription(SUBSCRIPTION))
				.orElseThrow();
			assertThat(node.getBean(ManagedSubscriptionCommits.class).committed(OrgIds.key(PubSubTestBase.ACME),
					stored.id())).hasValueSatisfying((commit) -> assertThat(commit.replayId()).isEqualTo(last));
			return events;
		}
		finally {
			process.destroyForcibly();
		}
	}

}
