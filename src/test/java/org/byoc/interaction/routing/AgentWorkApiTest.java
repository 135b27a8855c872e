package org.byoc.interaction.routing;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/v1/agentWork through HTTP: contract checks §F 30–39 (and 8) with the AgentWork they leave. */
class AgentWorkApiTest extends RoutingApiTestBase {

	static final String AGENT = PartnerFixture.AGENT_A_ID;

	@Test
	void whenAssignedWithACapacityPercentageAndRoutingContextThenTheWorkIsAssigned() {
		Started conversation = startConversation(partnerA());
		String correlation = uuid();

		HttpResponse<String> response = assign(conversation, AGENT, "\"capacityPercentage\": 50", correlation);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		JsonNode body = json(response);
		assertThat(body.get("success").asBoolean()).isTrue();
		assertThat(body.get("id").asString()).matches("[0-9a-f-]{36}");
		String agentWorkId = body.get("agentWorkId").asString();
		assertThat(agentWorkId).hasSize(15).startsWith("0Bz");
		JsonNode details = body.get("agentWorkDetails");
		assertThat(details.get("existPsr").asBoolean()).isFalse();
		assertThat(details.has("psrId")).isFalse();
		assertThat(details.get("capacityPercentage").asDouble()).isEqualTo(50.0);
		assertThat(details.at("/routingContext/conversationIdentifier").asString())
			.isEqualTo(conversation.conversationIdentifier());
		assertThat(details.at("/routingContext/routingType").asString()).isEqualTo("Initial");
		assertThat(details.at("/routingContext/routingCorrelationId").asString()).isEqualTo(correlation);
		assertThat(work(conversation)).singleElement().satisfies((work) -> {
			assertThat(work.id()).isEqualTo(agentWorkId);
			assertThat(work.userId()).isEqualTo(AGENT);
			assertThat(work.workItemId()).isEqualTo(conversation.workItemId());
			assertThat(work.status()).isEqualTo(AgentWork.Status.Assigned);
			assertThat(work.capacityPercentage()).isEqualTo(50.0);
			assertThat(work.capacityWeight()).isNull();
			assertThat(work.psrId()).isNull();
			assertThat(work.routingCorrelationId()).isEqualTo(correlation);
		});
	}

	@Test
	void whenAssignedWithACapacityWeightThenTheDetailsEchoIt() {
		Started conversation = startConversation(partnerA());
		HttpResponse<String> response = assign(conversation, AGENT, "\"capacityWeight\": 2", uuid());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(json(response).at("/agentWorkDetails/capacityWeight").asDouble()).isEqualTo(2.0);
		assertThat(json(response).at("/agentWorkDetails/capacityPercentage").isMissingNode()).isTrue();
		assertThat(work(conversation)).singleElement()
			.satisfies((work) -> assertThat(work.capacityWeight()).isEqualTo(2.0));
	}

	@Test
	void whenBothCapacitiesAreSentThenItIsRefusedWith10013() {
		Started conversation = startConversation(partnerA());
		assertRefused(assign(conversation, AGENT, "\"capacityPercentage\": 50, \"capacityWeight\": 2", uuid()), 400,
				10013);
		assertThat(work(conversation)).isEmpty();
	}

	@Test
	void whenTheWeightIsNegativeThenItIsRefusedWith10014AndZeroIsAccepted() {
		Started conversation = startConversation(partnerA());
		assertRefused(assign(conversation, AGENT, "\"capacityWeight\": -1", uuid()), 400, 10014);
		assertThat(assign(conversation, AGENT, "\"capacityWeight\": 0", uuid()).statusCode()).isEqualTo(202);
	}

	@ParameterizedTest
	@ValueSource(strings = { "101", "-0.5", "100.01" })
	void whenThePercentageIsOutside0To100ThenItIsRefusedWith10015(String percentage) {
		Started conversation = startConversation(partnerA());
		assertRefused(assign(conversation, AGENT, "\"capacityPercentage\": " + percentage, uuid()), 400, 10015);
		assertThat(work(conversation)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "100" })
	void whenThePercentageIsAtEitherEndThenItIsAccepted(String percentage) {
		Started conversation = startConversation(partnerA());
		HttpResponse<String> response = assign(conversation, AGENT, "\"capacityPercentage\": " + percentage, uuid());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(work(conversation)).singleElement().satisfies(
				(work) -> assertThat(work.capacityPercentage()).isEqualTo(Double.parseDouble(percentage)));
	}

	@Test
	void whenAPsrExistsThenUserAndWorkItemAloneAssignTheWork() {
		Started conversation = startConversation(partnerA());
		JsonNode routed = json(route(conversation, null));

		HttpResponse<String> response = post("/api/v1/agentWork", partnerA(), """
				{"userId": "%s", "workItemId": "%s"}""".formatted(AGENT, conversation.workItemId()));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		JsonNode details = json(response).get("agentWorkDetails");
		assertThat(details.get("existPsr").asBoolean()).isTrue();
		assertThat(details.get("psrId").asString()).isEqualTo(routed.get("psrId").asString());
		assertThat(details.at("/routingContext/routingCorrelationId").asString())
			.isEqualTo(routed.get("routingCorrelationId").asString());
		assertThat(work(conversation)).singleElement().satisfies((work) -> {
			assertThat(work.psrId()).isEqualTo(routed.get("psrId").asString());
			assertThat(work.routingType()).isEqualTo(RoutingType.Initial);
		});
		// the PSR stays open until the rep accepts
		assertThat(psrs(conversation)).singleElement().satisfies((psr) -> assertThat(psr.isOpen()).isTrue());
	}

	@Test
	void whenTheVendorsReadmeBodyWithItsStrayClosingBraceIsSentThenItIsAccepted() {
		Started conversation = startConversation(partnerA());
		route(conversation, null);
		// exactly the shape of the vendor README's "AgentWork request when psr exist" example
		String body = "{\n  \"userId\": \"" + AGENT + "\",\n  \"workItemId\": \"" + conversation.workItemId()
				+ "\"\n  }\n}";

		HttpResponse<String> response = post("/api/v1/agentWork", partnerA(), body);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(json(response).at("/agentWorkDetails/existPsr").asBoolean()).isTrue();
		assertThat(work(conversation)).hasSize(1);
	}

	@Test
	void whenThePsrsCorrelationIdIsSentBackThenItIsAcceptedAndAnotherIsRefused() {
		Started conversation = startConversation(partnerA());
		String correlation = json(route(conversation, null)).get("routingCorrelationId").asString();

		assertRefused(assign(conversation, AGENT, "\"capacityWeight\": 1", uuid()), 400, 10089);
		HttpResponse<String> matching = assign(conversation, AGENT, "\"capacityWeight\": 1", correlation);
		assertThat(matching.statusCode()).as(matching.body()).isEqualTo(202);
		assertThat(json(matching).at("/agentWorkDetails/existPsr").asBoolean()).isTrue();
	}

	@Test
	void whenThereIsNoPsrThenRoutingContextAndACapacityAreRequired() {
		Started conversation = startConversation(partnerA());
		assertRefused(post("/api/v1/agentWork", partnerA(), """
				{"userId": "%s", "workItemId": "%s", "capacityWeight": 1}""".formatted(AGENT, conversation.workItemId())),
				400, 10089);
		assertRefused(assign(conversation, AGENT, null, uuid()), 400, 10013);
		assertThat(work(conversation)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(ints = { 14, 18 })
	void whenTheWorkItemIdIsNot15CharactersThenItIsRefusedWith10012(int length) {
		Started conversation = startConversation(partnerA());
		String workItemId = (conversation.workItemId() + "AAA").substring(0, length);
		assertRefused(post("/api/v1/agentWork", partnerA(), """
				{"userId": "%s", "workItemId": "%s", "capacityWeight": 1,
				 "routingContext": {"conversationIdentifier": "%s", "routingType": "Initial",
				  "routingCorrelationId": "%s"}}""".formatted(AGENT, workItemId, conversation.conversationIdentifier(),
				uuid())), 400, 10012);
	}

	@Test
	void whenTheWorkItemIsNotASessionOrUnknownOrAnotherOrgsThenItIsRefused() {
		Started conversation = startConversation(partnerA());
		assertRefused(post("/api/v1/agentWork", partnerA(), """
				{"userId": "%s", "workItemId": "5005g000001AbCd", "capacityWeight": 1}""".formatted(AGENT)), 400,
				15110);
		assertRefused(post("/api/v1/agentWork", partnerA(), """
				{"userId": "%s", "workItemId": "0Mw5g0000000000", "capacityWeight": 1}""".formatted(AGENT)), 400,
				15111);
		Started inB = startConversation(fixture.partnerB());
		HttpResponse<String> foreign = assign(new Started(partnerA(), inB.endUser(), inB.conversationIdentifier(),
				inB.workItemId()), AGENT, "\"capacityWeight\": 1", uuid());
		assertRefused(foreign, 400, 15111);
		assertThat(foreign.body()).doesNotContain(inB.conversationIdentifier());
		assertThat(work(inB)).isEmpty();
		assertThat(work(conversation)).isEmpty();
	}

	@Test
	void whenTheUserIsNotInTheOrgThenItIsRefusedWith15106() {
		Started conversation = startConversation(partnerA());
		assertRefused(assign(conversation, "0055g00000BIntB", "\"capacityWeight\": 1", uuid()), 400, 15106);
	}

	@Test
	void whenTheSameUserGetsTheSameWorkItemWhileActiveThenItIsRefusedWith15109() {
		Started conversation = startConversation(partnerA());
		assertThat(assign(conversation, AGENT, "\"capacityWeight\": 1", uuid()).statusCode()).isEqualTo(202);
		assertRefused(assign(conversation, AGENT, "\"capacityWeight\": 1", uuid()), 400, 15109);
		// another rep may be offered the same work item
		assertThat(assign(conversation, PartnerFixture.AGENT_B_ID, "\"capacityWeight\": 1", uuid()).statusCode())
			.isEqualTo(202);
		assertThat(work(conversation)).hasSize(2);
	}

	@Test
	void whenTheSameAssignmentArrivesConcurrentlyThenExactlyOneWorkIsActive() throws Exception {
		Started conversation = startConversation(partnerA());
		route(conversation, null);
		String body = """
				{"userId": "%s", "workItemId": "%s"}""".formatted(AGENT, conversation.workItemId());
		List<HttpResponse<String>> answers = concurrently(8, () -> post("/api/v1/agentWork", partnerA(), body));

		assertThat(answers).filteredOn((answer) -> answer.statusCode() == 202).hasSize(1);
		assertThat(answers).filteredOn((answer) -> answer.statusCode() != 202)
			.allSatisfy((answer) -> assertRefused(answer, 400, 15109));
		assertThat(work(conversation)).singleElement()
			.satisfies((work) -> assertThat(work.status()).isEqualTo(AgentWork.Status.Assigned));
	}

	@Test
	void whenRoutesArriveConcurrentlyThenOnePsrStaysOpen() throws Exception {
		Started conversation = startConversation(partnerA());
		List<HttpResponse<String>> answers = concurrently(8, () -> route(conversation, null));

		assertThat(answers).allSatisfy((answer) -> {
			if (answer.statusCode() != 202) {
				assertRefused(answer, 400, 10056);
			}
		});
		assertThat(answers).anySatisfy((answer) -> assertThat(answer.statusCode()).isEqualTo(202));
		assertThat(psrs(conversation)).filteredOn(PendingServiceRouting::isOpen).hasSize(1);
	}

	@Test
	void whenTheRoutingContextNamesAnotherConversationThenItIsRefusedWith15107() {
		Started conversation = startConversation(partnerA());
		Started other = startConversation(partnerA());
		assertRefused(post("/api/v1/agentWork", partnerA(), """
				{"userId": "%s", "workItemId": "%s", "capacityWeight": 1,
				 "routingContext": {"conversationIdentifier": "%s", "routingType": "Initial",
				  "routingCorrelationId": "%s"}}""".formatted(AGENT, conversation.workItemId(),
				other.conversationIdentifier(), uuid())), 400, 15107);
		assertThat(work(conversation)).isEmpty();
	}

	@Test
	void whenConferenceIsShownOnAnOrgWithoutConferencingThenItIsRefusedWith10077AndHidingTransferIsKept() {
		Started inC = startConversation(fixture.partnerC());
		assertRefused(post("/api/v1/agentWork", fixture.partnerC(), """
				{"userId": "0055g00000CAgtC", "workItemId": "%s",
				 "agentActionVisibilities": [{"agentAction": "Conference", "visible": true}]}"""
			.formatted(inC.workItemId())), 400, 10077);

		Started conversation = startConversation(partnerA());
		HttpResponse<String> hidden = post("/api/v1/agentWork", partnerA(), """
				{"userId": "%s", "workItemId": "%s", "capacityWeight": 1,
				 "routingContext": {"conversationIdentifier": "%s", "routingType": "Initial",
				  "routingCorrelationId": "%s"},
				 "agentActionVisibilities": [{"agentAction": "Transfer", "visible": false}]}"""
			.formatted(AGENT, conversation.workItemId(), conversation.conversationIdentifier(), uuid()));
		assertThat(hidden.statusCode()).as(hidden.body()).isEqualTo(202);
		assertThat(work(conversation)).singleElement().satisfies((work) -> {
			assertThat(work.transferVisible()).isFalse();
			assertThat(work.conferenceVisible()).isNull();
		});
	}

	@Test
	void whenTheOrgHasNoContactCenterThenItIsRefusedWith15102() {
		Started inC = startConversation(fixture.partnerC());
		assertRefused(post("/api/v1/agentWork", fixture.partnerC(), """
				{"userId": "0055g00000CAgtC", "workItemId": "%s", "capacityWeight": 1,
				 "routingContext": {"conversationIdentifier": "%s", "routingType": "Initial",
				  "routingCorrelationId": "%s"}}""".formatted(inC.workItemId(), inC.conversationIdentifier(), uuid())),
				400, 15102);
		assertThat(work(inC)).isEmpty();
	}

	@Test
	void whenTheBodyIsEmptyThenItIsRefusedWith10100() {
		assertRefused(post("/api/v1/agentWork", partnerA(), null), 400, 10100);
	}

	static <T> List<T> concurrently(int callers, Callable<T> call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** The seed's "with capacity" request: {@code capacity} is the capacity member, or null for none. */
	HttpResponse<String> assign(Started conversation, String userId, String capacity, String correlationId) {
		return post("/api/v1/agentWork", conversation.app(), """
				{"userId": "%s", "workItemId": "%s",%s
				 "routingContext": {"conversationIdentifier": "%s", "routingType": "Initial",
				  "routingCorrelationId": "%s"}}""".formatted(userId, conversation.workItemId(),
				(capacity != null) ? " " + capacity + "," : "", conversation.conversationIdentifier(), correlationId));
	}

}
