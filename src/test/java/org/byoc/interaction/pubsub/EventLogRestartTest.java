package org.byoc.interaction.pubsub;

import org.byoc.interaction.support.PubSubTestClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.InteractionServiceApplication;
import org.byoc.interaction.outbound.OutboundEvents;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.support.PubSubTestClient.SubscribeStream;
import org.byoc.interaction.setup.SetupDirectory;

import static org.assertj.core.api.Assertions.assertThat;

/** The log is durable: what was committed before a restart is replayed from EARLIEST after it, in order. */
class EventLogRestartTest {

	@Test
	void whenTheServiceRestartsOnTheSameDatabaseThenEarliestReplaysEveryEventInOrder() {
		Path dir = PubSubTestBase.newTestDir("restart");
		Path setupFile = PubSubTestBase.writeSetup(dir);
		List<String> published = new ArrayList<>();
		try (ConfigurableApplicationContext first = start(dir, setupFile)) {
			for (int i = 0; i < 30; i++) {
				published.add(publish(first, "before restart " + i));
			}
			// stopped right away: some of these may not even have a replay id yet
		}
		try (ConfigurableApplicationContext second = start(dir, setupFile)) {
			published.add(publish(second, "after restart"));
			int port = Integer.parseInt(second.getEnvironment().getProperty("local.grpc.server.port"));
			try (PubSubTestClient client = PubSubTestClient.connect("localhost", port,
					dir.resolve("data/tls/pubsub.crt"));
					SubscribeStream stream = client.subscribe(PubSubTestClient
						.auth(token(second, dir), PubSubTestBase.ACME))) {
				stream.request(PubSubTestClient.fetch(PubSubTestBase.ACME_TOPIC, ReplayPreset.EARLIEST, 0, 100));
				List<ConsumerEvent> events = stream.events(published.size(), Duration.ofSeconds(20));
				assertThat(events).extracting((e) -> e.getEvent().getId()).containsExactlyElementsOf(published);
				PubSubSubscribeTest.assertIncreasing(events);
			}
		}
	}

	static String publish(ConfigurableApplicationContext context, String text) {
		SetupDirectory setup = context.getBean(SetupDirectory.class);
		OutboundEvents events = context.getBean(OutboundEvents.class);
		return context.getBean(TransactionTemplate.class)
			.execute((status) -> events.publishInteraction(
					setup.channel(PubSubTestBase.ACME, PubSubTestBase.ACME_CHANNEL).orElseThrow(),
					UUID.randomUUID().toString(), PubSubTestBase.ACME_ADDRESS, Participant.endUser("end-user-1"),
					PubSubTestBase.textEntry(text)))
			.eventId();
	}

	static ConfigurableApplicationContext start(Path dir, Path setupFile, String... more) {
		List<String> args = new ArrayList<>(List.of("--interactionservice.data-dir=" + dir.resolve("data"),
				"--interactionservice.setup-file=" + setupFile, "--interactionservice.demo.enabled=false",
				"--server.port=0", "--management.server.port=0", "--spring.grpc.server.port=0", "--interactionservice.pubsub.keepalive-interval=1s",
				"--spring.main.banner-mode=off"));
		args.addAll(List.of(more));
		return new SpringApplicationBuilder(InteractionServiceApplication.class).run(args.toArray(String[]::new));
	}

	/** A real access token of Acme's integration user from the node's token endpoint. */
	static String token(ConfigurableApplicationContext node, Path dir) {
		int httpPort = Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
		return PubSubTestBase.accessToken(httpPort, dir, PubSubTestBase.ACME_CONSUMER_KEY, "integration@acme.example");
	}

}
