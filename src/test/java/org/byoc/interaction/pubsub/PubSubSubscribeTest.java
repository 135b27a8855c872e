package org.byoc.interaction.pubsub;

import org.byoc.interaction.support.PubSubTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.TopicRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.support.PubSubTestClient.SubscribeStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PubSubSubscribeTest extends PubSubTestSupport {

	static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	JdbcClient jdbc;

	@Test
	void whenSubscribingFromLatestThenOnlyEventsPublishedAfterTheStartArrive() {
		String before = publishAgentText("before").eventId();
		try (SubscribeStream stream = this.client.subscribe(acme())) {
			stream.request(PubSubTestClient.fetch(ACME_TOPIC, ReplayPreset.LATEST, 0, 10));
			FetchResponse keepalive = awaitKeepalive(stream);
			String after = publishAgentText("after").eventId();
			List<ConsumerEvent> events = stream.events(1, WAIT);
			assertThat(events).extracting((e) -> e.getEvent().getId()).containsExactly(after).doesNotContain(before);
			assertThat(PubSubTestClient.replayId(events.get(0).getReplayId()))
				.isGreaterThan(PubSubTestClient.replayId(keepalive.getLatestReplayId()));
		}
	}

	@Test
	void whenATopicNeverHadAnEventThenALatestSubscriberReceivesItsFirst() {
		// Globex's BYOC_Outbound__e: no test publishes on it before this one
		try (SubscribeStream stream = this.client.subscribe(globex())) {
			stream.request(PubSubTestClient.fetch(ACME_TOPIC, ReplayPreset.LATEST, 0, 10));
			awaitKeepalive(stream);
			String first = this.transactions.execute((status) -> this.outboundEvents.publishInteraction(
					this.setup.channel(GLOBEX, "Globex_Same_Name_Channel").orElseThrow(), UUID.randomUUID().toString(),
					"7d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6", Participant.endUser("end-user-1"), textEntry("first")))
				.eventId();
			assertThat(stream.events(1, WAIT)).extracting((e) -> e.getEvent().getId()).containsExactly(first);
		}
	}

	@Test
	void whenSubscribingFromEarliestThenTheOldestRetainedEventComesFirstAndAllFollowInOrder() {
		List<String> mine = List.of(publishAgentText("e1").eventId(), publishAgentText("e2").eventId(),
				publishAgentText("e3").eventId());
		long oldest = this.jdbc.sql("select min(replay_id) from outbound_event where topic = ? and org_key = ?")
			.params(ACME_TOPIC, ACME.substring(0, 15))
			.query(Long.class)
			.single();
		try (SubscribeStream stream = this.client.subscribe(acme())) {
			stream.request(PubSubTestClient.fetch(ACME_TOPIC, ReplayPreset.EARLIEST, 0, 100));
			List<ConsumerEvent> events = collectUntil(stream, mine.get(2));
			assertThat(PubSubTestClient.replayId(events.get(0).getReplayId())).isEqualTo(oldest);
			assertIncreasing(events);
			assertThat(events.stream().map((e) -> e.getEvent().getId()).filter(mine::contains).toList())
				.containsExactlyElementsOf(mine);
		}
	}

	@Test
	void whenSubscribingWithACustomReplayIdThenDeliveryStartsRightAfterIt() {
		List<String> mine = List.of(publishAgentText("c1").eventId(), publishAgentText("c2").eventId(),
				publishAgentText("c3").eventId());
		long firstReplayId;
		try (SubscribeStream stream = this.client.subscribe(acme())) {
			stream.request(PubSubTestClient.fetch(ACME_TOPIC, ReplayPreset.EARLIEST, 0, 100));
			List<ConsumerEvent> events = collectUntil(stream, mine.get(2));
			firstReplayId = events.stream()
				.filter((e) -> e.getEvent().getId().equals(mine.get(0)))
				.map((e) -> PubSubTestClient.replayId(e.getReplayId()))
				.findFirst()
				.orElseThrow();
		}
		try (SubscribeStream stream = this.client.subscribe(acme())) {
			stream.request(PubSubTestClient.fetch(ACME_TOPIC, ReplayPreset.CUSTOM, firstReplayId, 2));
			assertThat(stream.events(2, WAIT)).extracting((e) -> e.getEvent().getId())
				.containsExactly(mine.get(1), mine.get(2));
		}
	}

	@Test
	void whenCreditIsUsedUpThenNothingMoreArrivesUntilTheClientAsksAgain() {
		try (SubscribeStream stream = this.client.subscribe(acme())) {
			stream.request(PubSubTestClient.fetch(ACME_TOPIC, ReplayPreset.LATEST, 0, 2));
			awaitKeepalive(stream);
			List<String> published = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				published.add(publishAgentText("credit " + i).eventId());
			}
			List<ConsumerEvent> first = stream.events(2, WAIT);
			assertThat(first).extracting((e) -> e.getEvent().getId()).containsExactlyElementsOf(published.subList(0, 2));
			// no credit: no events and no keepalives, however long the client waits
			assertThat(stream.next(Duration.ofMillis(2500))).isNull();

			stream.request(FetchRequest.newBuilder().setNumRequested(2).build());
			List<ConsumerEvent> second = stream.events(2, WAIT);
			assertThat(second).extracting((e) -> e.getEvent().getId())
				.containsExactlyElementsOf(published.subList(2, 4));

			stream.request(FetchRequest.newBuilder().setTopicName(ACME_TOPIC).setNumRequested(100).build());
			FetchResponse last = stream.next(WAIT);
			assertThat(last.getEventsList()).extracting((e) -> e.getEvent().getId()).containsExactly(published.get(4));
			assertThat(last.getPendingNumRequested()).isEqualTo(99);
		}
	}

	@Test
	void whenAFetchRequestAsksForMoreThan100ThenTheCreditIsClampedTo100() {
		try (SubscribeStream stream = this.client.subscribe(acme())) {
			stream.request(PubSubTestClient.fetch(ACME_TOPIC, ReplayPreset.LATEST, 0, 5000));
			assertThat(awaitKeepalive(stream).getPendingNumRequested()).isEqualTo(100);
			stream.request(FetchRequest.newBuilder().setNumRequested(30).build());
			FetchResponse next = awaitKeepalive(stream);
			assertThat(next.getPendingNumRequested()).isEqualTo(130);
		}
	}

	@Test
	void whenNothingHappensThenKeepalivesCarryAn8ByteLatestReplayIdAndNoEvents() {
		String published = publishAgentText("the tip").eventId();
		try (SubscribeStream stream = this.client.subscribe(acme())) {
			long start = System.nanoTime();
			stream.request(PubSubTestClient.fetch(ACME_TOPIC, ReplayPreset.LATEST, 0, 7));
			FetchResponse first = stream.next(WAIT);
			FetchResponse second = stream.next(WAIT);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
			for (FetchResponse keepalive : List.of(first, second)) {
				assertThat(keepalive.getEventsCount()).isZero();
				assertThat(keepalive.getLatestReplayId().size()).isEqualTo(8);
				assertThat(keepalive.getPendingNumRequested()).isEqualTo(7);
				assertThat(keepalive.getRpcId()).isNotBlank();
			}
			long tipOfMine = this.jdbc.sql("select replay_id from outbound_event where event_id = ?")
				.param(published)
				.query(Long.class)
				.single();
			assertThat(PubSubTestClient.replayId(first.getLatestReplayId())).isGreaterThanOrEqualTo(tipOfMine);
			assertThat(first.getRpcId()).isEqualTo(second.getRpcId());
		}
	}

	@Test
	void whenTheAccessTokenIsUnknownThenTheCallFailsUnauthenticatedWithTheVendorsErrorCode() {
		Metadata forged = PubSubTestClient.auth("00D5g000004SWby!not-a-token", ACME);
		try (SubscribeStream stream = this.client.subscribe(forged)) {
			stream.request(PubSubTestClient.fetch(ACME_TOPIC, ReplayPreset.LATEST, 0, 1));
			assertUnauthenticated(stream.awaitError(WAIT));
		}
		assertThatThrownBy(() -> this.client.blocking(forged)
			.getTopic(TopicRequest.newBuilder().setTopicName(ACME_TOPIC).build()))
			.isInstanceOfSatisfying(StatusRuntimeException.class, PubSubSubscribeTest::assertUnauthenticated);
	}

	@Test
	void whenTheAccessTokenOrTenantIsMissingOrTheTenantIsAnotherOrgThenTheCallFailsUnauthenticated() {
		String acmeToken = acmeToken();
		for (Metadata headers : List.of(PubSubTestClient.auth(null, ACME), PubSubTestClient.auth(acmeToken, null),
				PubSubTestClient.auth(acmeToken, GLOBEX))) {
			assertThatThrownBy(() -> this.client.blocking(headers)
				.getTopic(TopicRequest.newBuilder().setTopicName(ACME_TOPIC).build()))
				.isInstanceOfSatisfying(StatusRuntimeException.class, PubSubSubscribeTest::assertUnauthenticated);
		}
	}

	@Test
	void whenTheTenantIdHas15Or18CharactersThenTheTokenIsAccepted() {
		String token = acmeToken();
		for (String tenant : List.of(ACME, ACME.substring(0, 15))) {
			assertThat(this.client.blocking(PubSubTestClient.auth(token, tenant))
				.getTopic(TopicRequest.newBuilder().setTopicName(ACME_TOPIC).build())
				.getTenantGuid()).isEqualTo(ACME);
		}
	}

	@Test
	void whenSubscribingToAnotherOrgsTopicThenItLooksExactlyLikeAnUnknownTopic() {
		StatusRuntimeException otherOrgs;
		StatusRuntimeException unknown;
		try (SubscribeStream stream = this.client.subscribe(acme())) {
			stream.request(PubSubTestClient.fetch(GLOBEX_TOPIC, ReplayPreset.EARLIEST, 0, 10));
			otherOrgs = stream.awaitError(WAIT);
		}
		try (SubscribeStream stream = this.client.subscribe(acme())) {
			stream.request(PubSubTestClient.fetch("/event/Nope__e", ReplayPreset.EARLIEST, 0, 10));
			unknown = stream.awaitError(WAIT);
		}
		for (StatusRuntimeException error : List.of(otherOrgs, unknown)) {
			assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
			assertThat(PubSubTestClient.errorCode(error))
				.isEqualTo("sfdc.platform.eventbus.grpc.subscription.topic.notfound");
		}
		assertThat(shape(otherOrgs, GLOBEX_TOPIC)).isEqualTo(shape(unknown, "/event/Nope__e"));
		// and the org that owns it does see it
		assertThat(this.client.blocking(globex())
			.getTopic(TopicRequest.newBuilder().setTopicName(GLOBEX_TOPIC).build())
			.getTopicName()).isEqualTo(GLOBEX_TOPIC);
		assertThatThrownBy(() -> this.client.blocking(acme())
			.getTopic(TopicRequest.newBuilder().setTopicName(GLOBEX_TOPIC).build()))
			.isInstanceOfSatisfying(StatusRuntimeException.class,
					(e) -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
	}

	@Test
	void whenTheCustomReplayIdIsUnknownOrMalformedThenInvalidArgumentWithReplayIdCorrupted() {
		long tip = this.jdbc.sql("select last_replay_id from outbound_log_state").query(Long.class).single();
		FetchRequest future = PubSubTestClient.fetch(ACME_TOPIC, ReplayPreset.CUSTOM, tip + 1_000_000, 10);
		FetchRequest shortId = future.toBuilder()
			.setReplayId(com.google.protobuf.ByteString.copyFrom(new byte[] { 0, 0, 1 }))
			.build();
		for (FetchRequest request : List.of(future, shortId)) {
			try (SubscribeStream stream = this.client.subscribe(acme())) {
				stream.request(request);
				StatusRuntimeException error = stream.awaitError(WAIT);
				assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
				assertThat(PubSubTestClient.errorCode(error))
					.isEqualTo("sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted");
			}
		}
	}

	@Test
	void whenALaterFetchRequestNamesAnotherTopicThenInvalidArgument() {
		try (SubscribeStream stream = this.client.subscribe(acme())) {
			stream.request(PubSubTestClient.fetch(ACME_TOPIC, ReplayPreset.LATEST, 0, 1));
			stream.request(FetchRequest.newBuilder().setTopicName("/event/Other__e").setNumRequested(1).build());
			StatusRuntimeException error = stream.awaitError(WAIT);
			assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		}
	}

	@Test
	void whenAManagedSubscriptionCommitsThenANewStreamResumesAfterTheCommittedReplayId() {
		String marker = java.util.UUID.randomUUID().toString();
		publishAgentText(marker + " first");
		publishAgentText(marker + " second");
		long committed;
		try (PubSubTestClient.ManagedStream stream = this.client.managedSubscribe(acme())) {
			stream.request(null, ManagedSubscribeNodeClientTest.SUBSCRIPTION, 100);
			List<ConsumerEvent> events = stream.eventsUntil((e) -> carries(e, marker + " second"),
					Duration.ofSeconds(20));
			ConsumerEvent first = events.stream().filter((e) -> carries(e, marker + " first")).findFirst().orElseThrow();
			committed = PubSubTestClient.replayId(first.getReplayId());
			String commit = stream.commit(null, committed);
			assertThat(stream.commitResponse(commit, Duration.ofSeconds(10)).hasError()).isFalse();
		}
		try (PubSubTestClient.ManagedStream stream = this.client.managedSubscribe(acme())) {
			stream.request(null, ManagedSubscribeNodeClientTest.SUBSCRIPTION, 100);
			List<ConsumerEvent> events = stream.eventsUntil((e) -> carries(e, marker + " second"),
					Duration.ofSeconds(20));
			assertThat(events).hasSize(1);
			assertThat(PubSubTestClient.replayId(events.get(0).getReplayId())).isGreaterThan(committed);
		}
	}

	private static boolean carries(ConsumerEvent event, String text) {
		return event.getEvent().getPayload().toStringUtf8().contains(text);
	}

	@Test
	void whenConnectingBy127001ThenTheCertificateMatchesToo() {
		try (PubSubTestClient byIp = PubSubTestClient.connect("127.0.0.1", this.grpcPort, certificate())) {
			assertThat(byIp.blocking(acme())
				.getTopic(TopicRequest.newBuilder().setTopicName(ACME_TOPIC).build())
				.getSchemaId()).isNotBlank();
		}
	}

	static FetchResponse awaitKeepalive(SubscribeStream stream) {
		FetchResponse response = stream.next(WAIT);
		assertThat(response).as("a keepalive").isNotNull();
		assertThat(response.getEventsCount()).isZero();
		return response;
	}

	/** Reads events (asking for more credit whenever it runs out) until the one with this id has arrived. */
	static List<ConsumerEvent> collectUntil(SubscribeStream stream, String eventId) {
		List<ConsumerEvent> events = new ArrayList<>();
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (events.stream().noneMatch((e) -> e.getEvent().getId().equals(eventId))) {
			assertThat(System.nanoTime()).as("event " + eventId + " in time").isLessThan(deadline);
			FetchResponse response = stream.next(Duration.ofSeconds(2));
			if (response == null) {
				continue;
			}
			events.addAll(response.getEventsList());
			if (response.getPendingNumRequested() == 0) {
				stream.request(FetchRequest.newBuilder().setNumRequested(100).build());
			}
		}
		return events;
	}

	static void assertIncreasing(List<ConsumerEvent> events) {
		long previous = Long.MIN_VALUE;
		for (ConsumerEvent event : events) {
			long replayId = PubSubTestClient.replayId(event.getReplayId());
			assertThat(replayId).isGreaterThan(previous);
			previous = replayId;
		}
	}

	static void assertUnauthenticated(StatusRuntimeException error) {
		assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
		assertThat(error.getStatus().getDescription())
			.startsWith("An authentication exception occurred. Provide valid authentication via metadata headers.")
			.contains("rpcId: ");
		assertThat(PubSubTestClient.errorCode(error)).isEqualTo("sfdc.platform.eventbus.grpc.service.auth.error");
		assertThat(Status.trailersFromThrowable(error).get(PubSubErrors.RPC_ID)).isNotBlank();
	}

	private static String shape(StatusRuntimeException error, String topic) {
		return error.getStatus().getDescription().replace(topic, "<topic>").replaceAll("rpcId: \\S+", "rpcId: <id>");
	}

}
