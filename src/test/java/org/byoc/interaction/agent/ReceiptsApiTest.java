package org.byoc.interaction.agent;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent side's receipts for the end user's messages, as the partner's subscriber receives them: Delivered when
 * the agent's desk gets a message (it arrives while an agent takes part, or waited until one joined), Read when the
 * agent reads it ({@code POST .../read}); one receipt per entry and type, under retries and concurrent reads.
 */
class ReceiptsApiTest extends AgentEntriesTestBase {

	static final List<String> RECEIPTS = List.of("DeliveryAcknowledgement", "ReadAcknowledgement");

	@Test
	void whenAnAgentJoinsThenTheWaitingMessageIsDeliveredAndTheNextOneOnArrival() {
		String endUser = newEndUser();
		Written first = endUserWrites(fixture.partnerA(), endUser, "Is anyone there?");
		String conversation = first.conversationIdentifier();

		agentJoins(conversation, AGENT);
		List<OutboundEvent> joined = events(conversation, 2, "ParticipantChanged", "DeliveryAcknowledgement");
		assertThat(joined).extracting(OutboundEvent::entryType)
			.containsExactly("ParticipantChanged", "DeliveryAcknowledgement");
		assertReceipt(joined.get(1), conversation, endUser, "DeliveryAcknowledgement", first.entryId(), AGENT,
				"Agent A");

		Written second = endUserWrites(fixture.partnerA(), endUser, "Hello again");
		OutboundEvent delivered = events(conversation, 2, "DeliveryAcknowledgement").get(1);
		assertReceipt(delivered, conversation, endUser, "DeliveryAcknowledgement", second.entryId(), AGENT, "Agent A");
		assertThat(settled(conversation)).filteredOn((e) -> RECEIPTS.contains(e.entryType())).hasSize(2);
	}

	@Test
	void whenTheAgentAcceptsRoutedWorkThenTheWaitingMessagesAreDeliveredAfterTheJoin() {
		String endUser = newEndUser();
		Written first = endUserWrites(fixture.partnerA(), endUser, "Route me");
		Written second = endUserWrites(fixture.partnerA(), endUser, "Please");
		String conversation = first.conversationIdentifier();
		HttpResponse<String> assigned = send(apiRequest("/api/v1/agentWork", fixture.partnerA(),
				token(fixture.partnerA()))
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
					{"userId": "%s", "workItemId": "%s", "capacityWeight": 1, "routingContext": {
					 "conversationIdentifier": "%s", "routingType": "Initial", "routingCorrelationId": "%s"}}"""
				.formatted(AGENT_B, first.workItemId(), conversation, uuid())))
			.build());
		assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(202);
		String agentWorkId = json(assigned).get("agentWorkId").asString();
		HttpResponse<String> accepted = admin("POST", "/admin/api/orgs/" + PartnerFixture.ORG_A_ID + "/agents/"
				+ AGENT_B + "/work/" + agentWorkId + "/accept", null);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

		List<OutboundEvent> events = events(conversation, 4, "ParticipantChanged", "RoutingResult",
				"DeliveryAcknowledgement");
		assertThat(events).extracting(OutboundEvent::entryType)
			.containsExactly("ParticipantChanged", "RoutingResult", "DeliveryAcknowledgement",
					"DeliveryAcknowledgement");
		assertReceipt(events.get(2), conversation, endUser, "DeliveryAcknowledgement", first.entryId(), AGENT_B,
				"Agent B");
		assertReceipt(events.get(3), conversation, endUser, "DeliveryAcknowledgement", second.entryId(), AGENT_B,
				"Agent B");
	}

	@Test
	void whenTheAgentReadsUpToAnEntryThenEachEarlierMessageIsDeliveredAndReadOnceAndARetryChangesNothing() {
		String endUser = newEndUser();
		Written first = endUserWrites(fixture.partnerA(), endUser, "one");
		String conversation = first.conversationIdentifier();
		Written second = endUserWrites(fixture.partnerA(), endUser, "two");
		Written third = endUserWrites(fixture.partnerA(), endUser, "three");
		String body = """
				{"userId": "%s", "upToEntryIdentifier": "%s"}""".formatted(AGENT, second.entryId());

		JsonNode read = act(conversation, "read", 200, body);
		assertThat(read.get("conversationIdentifier").asString()).isEqualTo(conversation);
		assertThat(read.get("delivered").toString())
			.isEqualTo("[\"" + first.entryId() + "\",\"" + second.entryId() + "\"]");
		assertThat(read.get("read").toString()).isEqualTo(read.get("delivered").toString());
		List<OutboundEvent> receipts = events(conversation, 4, RECEIPTS.toArray(String[]::new));
		assertReceipt(receipts.get(0), conversation, endUser, "DeliveryAcknowledgement", first.entryId(), AGENT,
				"Agent A");
		assertReceipt(receipts.get(1), conversation, endUser, "ReadAcknowledgement", first.entryId(), AGENT,
				"Agent A");
		assertReceipt(receipts.get(2), conversation, endUser, "DeliveryAcknowledgement", second.entryId(), AGENT,
				"Agent A");
		assertReceipt(receipts.get(3), conversation, endUser, "ReadAcknowledgement", second.entryId(), AGENT,
				"Agent A");

		JsonNode retried = act(conversation, "read", 200, body);
		assertThat(retried.get("delivered")).isEmpty();
		assertThat(retried.get("read")).isEmpty();

		JsonNode rest = act(conversation, "read", 200, """
				{"userId": "%s"}""".formatted(AGENT_B));
		assertThat(rest.get("read").toString()).isEqualTo("[\"" + third.entryId() + "\"]");
		List<OutboundEvent> all = events(conversation, 6, RECEIPTS.toArray(String[]::new));
		assertReceipt(all.get(5), conversation, endUser, "ReadAcknowledgement", third.entryId(), AGENT_B, "Agent B");
		assertThat(settled(conversation)).filteredOn((e) -> RECEIPTS.contains(e.entryType())).hasSize(6);
	}

	@Test
	void whenManyReadsRaceThenEveryMessageGetsExactlyOneReceiptOfEachType() throws Exception {
		String endUser = newEndUser();
		Written first = endUserWrites(fixture.partnerA(), endUser, "race 1");
		String conversation = first.conversationIdentifier();
		Written second = endUserWrites(fixture.partnerA(), endUser, "race 2");
		List<Callable<HttpResponse<String>>> reads = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			String userId = (i % 2 == 0) ? AGENT : AGENT_B;
			reads.add(() -> admin("POST", "/admin/api/conversations/" + conversation + "/read", """
					{"userId": "%s"}""".formatted(userId)));
		}
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<JsonNode> answers = new ArrayList<>();
		try {
			for (Future<HttpResponse<String>> answer : pool.invokeAll(reads)) {
				assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
				answers.add(json(answer.get()));
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(answers.stream().mapToInt((a) -> a.get("read").size()).sum()).isEqualTo(2);
		assertThat(answers.stream().mapToInt((a) -> a.get("delivered").size()).sum()).isEqualTo(2);
		events(conversation, 4, RECEIPTS.toArray(String[]::new));
		List<OutboundEvent> receipts = settled(conversation).stream()
			.filter((e) -> RECEIPTS.contains(e.entryType()))
			.toList();
		assertThat(receipts).extracting((e) -> e.entryType() + " "
				+ e.entryPayload().get("acknowledgedConversationEntryIdentifier").asString())
			.containsExactlyInAnyOrder("DeliveryAcknowledgement " + first.entryId(),
					"ReadAcknowledgement " + first.entryId(), "DeliveryAcknowledgement " + second.entryId(),
					"ReadAcknowledgement " + second.entryId());
	}

	@Test
	void whenAReadIsBadThenItIsRefusedWithACodeAndNothingIsAcknowledged() {
		String endUser = newEndUser();
		String conversation = endUserWrites(fixture.partnerA(), endUser, "no receipts yet").conversationIdentifier();
		String path = "/admin/api/conversations/" + conversation + "/read";

		assertRefused(admin("POST", path, "{}"), 400, 10089);
		assertRefused(admin("POST", path, "{\"userId\": \"0055g00000BIntB\"}"), 400, 15106);
		assertRefused(admin("POST", path, "{\"userId\": \"" + AGENT + "\", \"upToEntryIdentifier\": \"" + uuid()
				+ "\"}"), 400, 10089);
		assertRefused(admin("POST", path, "{\"userId\": \"" + AGENT + "\", \"upToEntryIdentifier\": \" \"}"), 400,
				10089);
		assertRefused(admin("POST", path, "{\"userId\": [\"" + AGENT + "\"]}"), 400, 10089);
		assertRefused(admin("POST", path, "not json"), 400, 10089);
		assertRefused(admin("POST", path, null), 400, 10100);
		assertRefused(admin("POST", "/admin/api/conversations/" + uuid() + "/read", "{\"userId\": \"" + AGENT + "\"}"),
				400, 10018);

		assertThat(settled(conversation)).noneMatch((e) -> RECEIPTS.contains(e.entryType()));
	}

	/** A receipt entry, field by field (§D.5 DeliveryAcknowledgement / ReadAcknowledgement). */
	static void assertReceipt(OutboundEvent event, String conversation, String endUser, String entryType,
			String acknowledged, String agent, String agentName) {
		assertEnvelope(event, conversation, fixture.partnerA(), endUser);
		JsonNode entry = event.payload().get("payload");
		assertThat(entry.get("entryType").asString()).isEqualTo(entryType);
		assertThat(entry.get("sender").toString()).isEqualTo(agentJson(agent));
		assertThat(entry.get("senderDisplayName").asString()).isEqualTo(agentName);
		assertThat(entry.has("recipients")).isFalse();
		JsonNode payload = entry.get("entryPayload");
		assertThat(payload.propertyNames()).containsExactly("entryType", "id", "recipient",
				"acknowledgedConversationEntryIdentifier", "acknowledgementTimestamp");
		assertThat(payload.get("recipient").toString()).isEqualTo(endUserJson(endUser));
		assertThat(payload.get("acknowledgedConversationEntryIdentifier").asString()).isEqualTo(acknowledged);
		assertThat(payload.get("acknowledgementTimestamp").asLong())
			.isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
	}

}
