package org.byoc.interaction.pubsub;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.support.PubSubTestClient;
import org.byoc.interaction.support.PubSubTestClient.SubscribeStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service whose event log has never held an event (a partner's CI starts one fresh and subscribes first): a
 * LATEST subscriber, subscribed before anything happened, receives the first event published after it.
 */
class PubSubEmptyLogTest extends PubSubTestBase {

	static final Path dir = newTestDir("pubsub-empty-log");

	@DynamicPropertySource
	static void service(DynamicPropertyRegistry registry) {
		service(registry, dir);
	}

	@Override
	Path dir() {
		return dir;
	}

	@Test
	void whenTheLogIsEmptyThenALatestSubscriberReceivesTheFirstEvent() {
		try (SubscribeStream stream = this.client.subscribe(acme())) {
			stream.request(PubSubTestClient.fetch(ACME_TOPIC, ReplayPreset.LATEST, 0, 10));
			PubSubSubscribeTest.awaitKeepalive(stream);
			String first = publishAgentText("the very first").eventId();
			List<ConsumerEvent> events = stream.events(1, Duration.ofSeconds(10));
			assertThat(events).extracting((e) -> e.getEvent().getId()).containsExactly(first);
		}
	}

}
