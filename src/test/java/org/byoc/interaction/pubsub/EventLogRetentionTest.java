package org.byoc.interaction.pubsub;

import org.byoc.interaction.support.PubSubTestClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.support.PubSubTestClient.SubscribeStream;

import static org.assertj.core.api.Assertions.assertThat;

/** With a 3 s retention: old events are deleted, and a replay id older than what is kept is "expired". */
class EventLogRetentionTest extends PubSubTestBase {

	static final Path dir = newTestDir("retention");

	@DynamicPropertySource
	static void shortRetention(DynamicPropertyRegistry registry) {
		service(registry, dir);
		registry.add("interactionservice.events.retention", () -> "3s");
		registry.add("interactionservice.events.retention-check-interval", () -> "100ms");
	}

	@Autowired
	JdbcClient jdbc;

	@Override
	Path dir() {
		return dir;
	}

	@Test
	void whenEventsOutliveTheRetentionThenTheyAreGoneAndTheirReplayIdsAreExpired() throws Exception {
		String old1 = publishAgentText("old 1").eventId();
		String old2 = publishAgentText("old 2").eventId();
		long replayOld1 = awaitReplayId(old1);
		long replayOld2 = awaitReplayId(old2);

		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (expiredThrough() < replayOld2) {
			assertThat(System.nanoTime()).as("retention ran in time").isLessThan(deadline);
			Thread.sleep(100);
		}
		assertThat(this.jdbc.sql("select count(*) from outbound_event where event_id in (?, ?)")
			.params(old1, old2)
			.query(Long.class)
			.single()).isZero();
		String fresh = publishAgentText("fresh").eventId();

		// starting after an event that is gone, with older ones possibly missing: expired
		try (SubscribeStream stream = this.client.subscribe(acme())) {
			stream.request(PubSubTestClient.fetch(ACME_TOPIC, ReplayPreset.CUSTOM, replayOld1, 10));
			StatusRuntimeException error = stream.awaitError(Duration.ofSeconds(10));
			assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
			assertThat(PubSubTestClient.errorCode(error))
				.isEqualTo("sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted");
		}
		// the newest expired id is still a valid place to resume: nothing after it was removed
		try (SubscribeStream stream = this.client.subscribe(acme())) {
			stream.request(PubSubTestClient.fetch(ACME_TOPIC, ReplayPreset.CUSTOM, expiredThrough(), 10));
			assertThat(stream.events(1, Duration.ofSeconds(10))).extracting((e) -> e.getEvent().getId())
				.containsExactly(fresh);
		}
		// EARLIEST is the oldest retained event
		try (SubscribeStream stream = this.client.subscribe(acme())) {
			stream.request(PubSubTestClient.fetch(ACME_TOPIC, ReplayPreset.EARLIEST, 0, 10));
			List<ConsumerEvent> events = stream.events(1, Duration.ofSeconds(10));
			assertThat(events).extracting((e) -> e.getEvent().getId()).containsExactly(fresh);
		}
	}

	private long expiredThrough() {
		return this.jdbc.sql("select expired_through from outbound_log_state").query(Long.class).single();
	}

	private long awaitReplayId(String eventId) throws InterruptedException {
		for (int i = 0; i < 200; i++) {
			Long replayId = this.jdbc.sql("select replay_id from outbound_event where event_id = ?")
				.param(eventId)
				.query(Long.class)
				.optional()
				.orElse(null);
			if (replayId != null) {
				return replayId;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("event " + eventId + " was never sequenced");
	}

}
