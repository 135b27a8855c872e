package org.byoc.interaction.pubsub;

import org.byoc.interaction.support.PubSubTestClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.salesforce.eventbus.protobuf.ReplayPreset;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.outbound.OutboundEvents;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.support.PubSubTestClient.SubscribeStream;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.support.EmbeddedPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service nodes on one PostgreSQL: one holds the sequencer lock, both serve every event, whichever node it was
 * written on; when the sequencing node stops, the other takes over.
 */
class EventLogMultiNodePostgresTest {

	static final Duration WAIT = Duration.ofSeconds(15);

	@Test
	void whenTwoNodesShareOneDatabaseThenEveryEventReachesSubscribersOnBothAndSurvivesTheLeaderStopping() {
		Map<String, Supplier<Object>> database = new HashMap<>();
		EmbeddedPostgres.registerNewDatabase(database::put);
		String[] datasource = database.entrySet()
			.stream()
			.map((e) -> "--" + e.getKey() + "=" + e.getValue().get())
			.toArray(String[]::new);
		Path dir = PubSubTestBase.newTestDir("multi-node");
		Path setupFile = PubSubTestBase.writeSetup(dir);

		ConfigurableApplicationContext first = EventLogRestartTest.start(dir, setupFile, datasource);
		try (ConfigurableApplicationContext second = EventLogRestartTest.start(dir, setupFile, datasource);
				PubSubTestClient clientOfFirst = connect(first, dir);
				PubSubTestClient clientOfSecond = connect(second, dir);
				SubscribeStream onFirst = subscribe(first, clientOfFirst, dir);
				SubscribeStream onSecond = subscribe(second, clientOfSecond, dir)) {
			String writtenOnSecond = publish(second, "written on the second node");
			String writtenOnFirst = publish(first, "written on the first node");
			for (SubscribeStream stream : List.of(onFirst, onSecond)) {
				assertThat(stream.events(2, WAIT)).extracting((e) -> e.getEvent().getId())
					.containsExactlyInAnyOrder(writtenOnSecond, writtenOnFirst);
			}

			first.close();
			String afterFailover = publish(second, "after the first node stopped");
			assertThat(onSecond.events(1, WAIT)).extracting((e) -> e.getEvent().getId())
				.containsExactly(afterFailover);
		}
		finally {
			first.close();
		}
	}

	private static PubSubTestClient connect(ConfigurableApplicationContext node, Path dir) {
		int port = Integer.parseInt(node.getEnvironment().getProperty("local.grpc.server.port"));
		return PubSubTestClient.connect("localhost", port, dir.resolve("data/tls/pubsub.crt"));
	}

	private static SubscribeStream subscribe(ConfigurableApplicationContext node, PubSubTestClient client,
			Path dir) {
		SubscribeStream stream = client
			.subscribe(PubSubTestClient.auth(EventLogRestartTest.token(node, dir), PubSubTestBase.ACME));
		stream.request(PubSubTestClient.fetch(PubSubTestBase.ACME_TOPIC, ReplayPreset.LATEST, 0, 100));
		PubSubSubscribeTest.awaitKeepalive(stream);
		return stream;
	}

	private static String publish(ConfigurableApplicationContext node, String text) {
		SetupDirectory setup = node.getBean(SetupDirectory.class);
		OutboundEvents events = node.getBean(OutboundEvents.class);
		return node.getBean(TransactionTemplate.class)
			.execute((status) -> events.publishInteraction(
					setup.channel(PubSubTestBase.ACME, PubSubTestBase.ACME_CHANNEL).orElseThrow(),
					UUID.randomUUID().toString(), PubSubTestBase.ACME_ADDRESS, Participant.endUser("end-user-1"),
					PubSubTestBase.textEntry(text)))
			.eventId();
	}

}
