package org.byoc.interaction.routing;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.support.OmniOrg;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;
import org.byoc.interaction.support.PartnerSubscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.byoc.interaction.routing.AgentWorkApiTest.concurrently;

/**
 * Queue moves under concurrent requests: each org's moves happen one after the other under its queue lock, so
 * capacity holds, positions stay distinct and in order, and no position is announced twice in a row; a retried or
 * repeated request moves nothing.
 */
class QueueConcurrencyTest extends QueueRoutingTestBase {

	static final int END_USERS = 10;

	@Test
	void whenManyEndUsersWriteAtOnceThenOneIsOfferedAndTheOthersHoldDistinctPlacesAnnouncedOnce() throws Exception {
		presence(this.org.ada(), OmniOrg.AVAILABLE);
		try (PartnerSubscription subscription = subscribe(this.org.chat())) {
			List<Started> conversations = concurrently(END_USERS, () -> startConversation(this.org.chat()));
			// what a crashed node would have left: the sweep (or any node) routes again, and nothing changes
			concurrently(4, () -> {
				this.queueEngine.route(this.org.orgId());
				return null;
			});

			assertThat(activeWork(this.org.ada())).hasSize(1);
			JsonNode queue = queues().at("/queues/0");
			assertThat(queue.get("offered").asInt()).isEqualTo(1);
			assertThat(queue.get("waiting")).hasSize(END_USERS - 1);
			Map<String, Integer> positions = new java.util.HashMap<>();
			queue.get("waiting")
				.forEach((item) -> positions.put(item.get("conversationIdentifier").asString(),
						item.get("position").asInt()));
			for (Started conversation : conversations) {
				PendingServiceRouting psr = psrs(conversation).get(0);
				Integer expected = positions.get(conversation.conversationIdentifier());
				assertThat(psr.queuePosition()).as(conversation.toString()).isEqualTo(expected);
				// the last announcement may still be on its way: the router runs after the commit that moved the queue
				List<OutboundEvent> events = subscription.awaitUntil(conversation.conversationIdentifier(),
						(so) -> !so.isEmpty() && ((expected == null)
								? so.get(so.size() - 1).entryType().equals("RoutingWorkResult")
								: so.stream()
									.filter((event) -> event.entryType().equals("QueuePosition"))
									.reduce((first, second) -> second)
									.map((last) -> last.entryPayload().get("position").asInt() == expected)
									.orElse(false)),
						Duration.ofSeconds(15));
				List<Integer> announced = events.stream()
					.filter((event) -> event.entryType().equals("QueuePosition"))
					.map((event) -> event.entryPayload().get("position").asInt())
					.toList();
				if (expected == null) {
					assertThat(events.get(events.size() - 1).entryType()).isEqualTo("RoutingWorkResult");
					continue;
				}
				assertThat(announced).as(conversation.toString()).isNotEmpty().last().isEqualTo(expected);
				for (int i = 1; i < announced.size(); i++) {
					assertThat(announced.get(i)).as("repeated position").isNotEqualTo(announced.get(i - 1));
				}
			}
			assertThat(positions.values()).containsExactlyInAnyOrderElementsOf(
					java.util.stream.IntStream.rangeClosed(1, END_USERS - 1).boxed().toList());
		}
	}

	@Test
	void whenPresenceChangesAndRoutingRunConcurrentlyThenNoAgentGetsMoreThanTheirCapacity() throws Exception {
		List<Started> waiting = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			waiting.add(startConversation(this.org.chat()));
		}
		AtomicInteger calls = new AtomicInteger();
		List<Object> answers = concurrently(8, () -> {
			int call = calls.incrementAndGet();
			if (call % 2 == 0) {
				this.queueEngine.route(this.org.orgId());
				return 200;
			}
			String user = (call % 4 == 1) ? this.org.ada() : this.org.bob();
			return admin("PUT", presencePath(user), "{\"status\": \"%s\"}".formatted(OmniOrg.AVAILABLE)).statusCode();
		});

		assertThat(answers).allSatisfy((status) -> assertThat(status).isEqualTo(200));
		assertThat(activeWork(this.org.ada())).hasSize(1);
		assertThat(activeWork(this.org.bob())).hasSize(1);
		Map<String, Long> offersPerConversation = waiting.stream()
			.flatMap((conversation) -> work(conversation).stream())
			.collect(Collectors.groupingBy(AgentWork::conversationIdentifier, Collectors.counting()));
		assertThat(offersPerConversation.values()).allSatisfy((count) -> assertThat(count).isEqualTo(1));
		assertThat(offersPerConversation).hasSize(2);
	}

	@Test
	void whenTheSameOfferIsAcceptedAndDeclinedAtOnceThenExactlyOneAnswerWins() throws Exception {
		presence(this.org.ada(), OmniOrg.AVAILABLE);
		Started conversation = startConversation(this.org.chat());
		String offer = offeredTo(this.org.ada(), conversation);

		List<HttpResponse<String>> answers = concurrently(6, () -> admin("POST",
				workPath(this.org.ada(), offer, (Math.random() < 0.5) ? "accept" : "decline"), null));

		assertThat(answers).filteredOn((answer) -> answer.statusCode() == 200).hasSize(1);
		assertThat(answers).filteredOn((answer) -> answer.statusCode() != 200)
			.allSatisfy((answer) -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400));
		assertThat(work(conversation)).filteredOn((work) -> work.id().equals(offer))
			.singleElement()
			.satisfies((work) -> assertThat(work.status()).isIn(AgentWork.Status.Opened, AgentWork.Status.Declined));
	}

}
