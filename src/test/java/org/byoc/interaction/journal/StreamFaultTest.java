package org.byoc.interaction.journal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.outbound.ConversationEntry;
import org.byoc.interaction.outbound.OutboundEvents;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PubSubTestClient;
import org.byoc.interaction.support.PubSubTestClient.SubscribeStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code abortStream} rule drops a partner's Subscribe stream with the rule's gRPC status instead of its next
 * batch; the partner resumes from the last replay id it received and loses nothing. The call is journaled with the
 * injected fault.
 */
class StreamFaultTest extends JournalTestBase {

	private static final String TOPIC = "/event/BYOC_Outbound__e";

	@LocalGrpcServerPort
	int grpcPort;

	@Autowired
	OutboundEvents outboundEvents;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	SetupDirectory setup;

	@Test
	void whenAFaultAbortsTheSubscribeStreamThenResumingFromTheLastReplayIdLosesNothing() {
		PartnerFixture.App app = fixture.partnerA();
		String token = accessToken(app);
		try (PubSubTestClient client = PubSubTestClient.connect("localhost", this.grpcPort,
				fixture.dataDir().resolve("tls/pubsub.crt"))) {
			SubscribeStream first = client.subscribe(PubSubTestClient.auth(token, app.orgId()));
			first.request(PubSubTestClient.fetch(TOPIC, ReplayPreset.EARLIEST, 0, 100));
			first.next(Duration.ofMillis(300)); // the subscription is open once it answered or had time to
			List<String> before = List.of(publish(app), publish(app));
			List<ConsumerEvent> received = until(first, before.get(1));
			long lastReplayId = PubSubTestClient.replayId(received.get(received.size() - 1).getReplayId());
			fault(PartnerFixture.ORG_A_KEY, """
					{"id": "drop", "grpcMethod": "Subscribe", "times": 1, "grpcStatus": "UNAVAILABLE"}""");

			List<String> after = List.of(publish(app), publish(app));
			StatusRuntimeException dropped = first.awaitError(Duration.ofSeconds(10));
			SubscribeStream resumed = client.subscribe(PubSubTestClient.auth(token, app.orgId()));
			resumed.request(PubSubTestClient.fetch(TOPIC, ReplayPreset.CUSTOM, lastReplayId, 100));
			List<String> ids = until(resumed, after.get(1)).stream().map((e) -> e.getEvent().getId()).toList();
			resumed.close();

			assertThat(dropped.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
			assertThat(dropped.getStatus().getDescription()).contains("drop");
			assertThat(ids).containsSubsequence(after.get(0), after.get(1)).doesNotContain(before.get(1));
		}
		JsonNode journal = journal(PartnerFixture.ORG_A_KEY, "?path=Subscribe&finding=injected");
		assertThat(journal.get("total").asInt()).isEqualTo(1);
		JsonNode entry = journal.get("requests").get(0);
		assertThat(entry.get("protocol").asString()).isEqualTo("grpc");
		assertThat(entry.get("status").asString()).isEqualTo("UNAVAILABLE");
		assertThat(entry.get("json").asString()).contains(TOPIC);
		assertThat(entry.get("headers").get("accesstoken").asString()).endsWith("![redacted]");
	}

	private String publish(PartnerFixture.App app) {
		Channel channel = this.setup.channel(app.orgId(), app.channel()).orElseThrow();
		String id = UUID.randomUUID().toString();
		String payload = "{\"entryType\":\"Message\",\"id\":\"" + id + "\",\"abstractMessage\":{\"messageType\":"
				+ "\"StaticContentMessage\",\"id\":\"" + id + "\",\"staticContent\":{\"formatType\":\"Text\","
				+ "\"text\":\"hello\"}}}";
		ConversationEntry entry = new ConversationEntry(id, "Message", payload,
				Participant.agent(PartnerFixture.AGENT_A_ID), "Agent A", System.currentTimeMillis(),
				System.currentTimeMillis(), 0L);
		OutboundEvents.PublishedEvent published = this.transactions.execute((status) -> this.outboundEvents
			.publishInteraction(channel, UUID.randomUUID().toString(), app.address(), Participant.endUser("u1"), entry));
		return published.eventId();
	}

	/** The stream's events until the one with this event id arrived. */
	private static List<ConsumerEvent> until(SubscribeStream stream, String eventId) {
		List<ConsumerEvent> events = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			FetchResponse response = stream.next(Duration.ofMillis(200));
			if (response == null) {
				continue;
			}
			events.addAll(response.getEventsList());
			if (events.stream().anyMatch((e) -> e.getEvent().getId().equals(eventId))) {
				return events;
			}
		}
		throw new AssertionError("event " + eventId + " never arrived; got " + events.size() + " events"
				+ (stream.end.isDone() ? "; the stream ended: " + stream.end : ""));
	}

}
