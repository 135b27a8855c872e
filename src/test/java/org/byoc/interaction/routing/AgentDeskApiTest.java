package org.byoc.interaction.routing;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent side on the management port (admin token): a rep's work list, accept / decline / close, transfer and
 * end, with the work, routing and session state each leaves.
 */
class AgentDeskApiTest extends RoutingApiTestBase {

	static final String ADA = PartnerFixture.AGENT_A_ID;

	static final String BOB = PartnerFixture.AGENT_B_ID;

	@Test
	void whenWorkIsAssignedThenItIsListedUntilTheRepLeaves() {
		Started conversation = startConversation(partnerA());
		route(conversation, null);
		String agentWorkId = assign(conversation, ADA);

		assertThat(listed(ADA)).anySatisfy((work) -> {
			assertThat(work.get("agentWorkId").asString()).isEqualTo(agentWorkId);
			assertThat(work.get("status").asString()).isEqualTo("Assigned");
			assertThat(work.get("conversationIdentifier").asString()).isEqualTo(conversation.conversationIdentifier());
			assertThat(work.get("workItemId").asString()).isEqualTo(conversation.workItemId());
		});
		action(ADA, agentWorkId, "accept");
		assertThat(listed(ADA)).anySatisfy((work) -> {
			assertThat(work.get("agentWorkId").asString()).isEqualTo(agentWorkId);
			assertThat(work.get("status").asString()).isEqualTo("Opened");
		});
		JsonNode closed = action(ADA, agentWorkId, "close");
		assertThat(closed.get("status").asString()).isEqualTo("Closed");
		assertThat(listed(ADA)).noneSatisfy(
				(work) -> assertThat(work.get("agentWorkId").asString()).isEqualTo(agentWorkId));
		assertThat(session(conversation).status()).isEqualTo(MessagingSession.Status.Active);
	}

	@Test
	void whenARepAcceptsThenThePsrCompletesAndTheOtherOfferIsCanceled() {
		Started conversation = startConversation(partnerA());
		route(conversation, null);
		String adas = assign(conversation, ADA);
		String bobs = assign(conversation, BOB);

		JsonNode accepted = action(ADA, adas, "accept");

		assertThat(accepted.get("status").asString()).isEqualTo("Opened");
		assertThat(accepted.get("acceptedAt").asLong()).isPositive();
		assertThat(psrs(conversation)).singleElement()
			.satisfies((psr) -> assertThat(psr.status()).isEqualTo(PendingServiceRouting.Status.Completed));
		assertThat(work(conversation)).satisfiesExactlyInAnyOrder(
				(work) -> assertThat(work.id() + work.status()).isEqualTo(adas + "Opened"),
				(work) -> assertThat(work.id() + work.status()).isEqualTo(bobs + "Canceled"));
		assertThat(actionResponse(BOB, bobs, "accept").statusCode()).isEqualTo(400);
	}

	@Test
	void whenARepDeclinesThenThePsrStaysOpenForAnother() {
		Started conversation = startConversation(partnerA());
		route(conversation, null);
		String adas = assign(conversation, ADA);

		assertThat(action(ADA, adas, "decline").get("status").asString()).isEqualTo("Declined");

		assertThat(psrs(conversation)).singleElement().satisfies((psr) -> assertThat(psr.isOpen()).isTrue());
		assertRefused(actionResponse(ADA, adas, "accept"), 400, 10089);
		// declined work is not active: the same rep may be offered the work item again
		assertThat(assign(conversation, ADA)).isNotEqualTo(adas);
	}

	@Test
	void whenARepActsOnWorkThatIsNotTheirsOrInTheWrongStatusThenItIsRefused() {
		Started conversation = startConversation(partnerA());
		route(conversation, null);
		String adas = assign(conversation, ADA);
		assertRefused(actionResponse(BOB, adas, "accept"), 400, 10082);
		assertRefused(actionResponse(ADA, adas, "close"), 400, 10089);
		assertRefused(actionResponse(ADA, "0BzNOTAWORK0000", "accept"), 400, 10082);
		assertRefused(admin("POST", "/admin/api/orgs/%s/agents/%s/work/%s/accept".formatted(
				fixture.partnerB().orgKey(), ADA, adas), null), 400, 15106);
	}

	@Test
	void whenARepTransfersToAQueueThenATransferPsrOpensAndTheNextRepsAcceptanceReplacesTheFirst() {
		Started conversation = startConversation(partnerA());
		route(conversation, null);
		String adas = assign(conversation, ADA);
		action(ADA, adas, "accept");

		JsonNode transfer = agent("POST", transferPath(ADA, conversation),
				"{\"queueId\": \"%s\"}".formatted(PartnerFixture.QUEUE_A));

		assertThat(transfer.get("routingType").asString()).isEqualTo("Transfer");
		assertThat(transfer.get("origin").asString()).isEqualTo("Transfer");
		assertThat(transfer.get("queueId").asString()).isEqualTo(PartnerFixture.QUEUE_A);
		String correlation = transfer.get("routingCorrelationId").asString();
		assertThat(work(conversation)).singleElement()
			.satisfies((work) -> assertThat(work.status()).isEqualTo(AgentWork.Status.Opened));

		HttpResponse<String> assigned = post("/api/v1/agentWork", partnerA(), """
				{"userId": "%s", "workItemId": "%s", "capacityWeight": 1,
				 "routingContext": {"conversationIdentifier": "%s", "routingType": "Transfer",
				  "routingCorrelationId": "%s"}}""".formatted(BOB, conversation.workItemId(),
				conversation.conversationIdentifier(), correlation));
		assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(202);
		assertThat(json(assigned).at("/agentWorkDetails/psrId").asString())
			.isEqualTo(transfer.get("psrId").asString());
		action(BOB, json(assigned).get("agentWorkId").asString(), "accept");

		assertThat(work(conversation)).satisfiesExactly(
				(first) -> assertThat(first.userId() + first.status()).isEqualTo(ADA + "Closed"),
				(second) -> assertThat(second.userId() + second.status() + second.routingType())
					.isEqualTo(BOB + "OpenedTransfer"));
		assertThat(psrs(conversation)).extracting(PendingServiceRouting::status)
			.containsExactly(PendingServiceRouting.Status.Completed, PendingServiceRouting.Status.Completed);
	}

	@Test
	void whenARepTransfersToAUserOrAFlowThenThePsrNamesTheTarget() {
		Started conversation = startConversation(partnerA());
		openedBy(conversation, ADA);

		JsonNode toUser = agent("POST", transferPath(ADA, conversation), "{\"userId\": \"%s\"}".formatted(BOB));
		assertThat(toUser.get("userId").asString()).isEqualTo(BOB);
		assertThat(toUser.get("queueId").isNull()).isTrue();

		JsonNode toFlow = agent("POST", transferPath(ADA, conversation), """
				{"flowId": "%s", "queueId": "%s"}""".formatted(PartnerFixture.FLOW_A, PartnerFixture.QUEUE_A));
		assertThat(toFlow.get("flowId").asString()).isEqualTo(PartnerFixture.FLOW_A);
		assertThat(psrs(conversation)).extracting(PendingServiceRouting::status).endsWith(
				PendingServiceRouting.Status.Canceled, PendingServiceRouting.Status.Open);
	}

	@Test
	void whenTheTransferTargetIsMissingUnknownOrIncompleteThenItIsRefused() {
		Started conversation = startConversation(partnerA());
		openedBy(conversation, ADA);
		assertRefused(admin("POST", transferPath(ADA, conversation), "{}"), 400, 10030);
		assertRefused(admin("POST", transferPath(ADA, conversation), "{\"queueId\": \"00G5g000002QueB\"}"), 400, 10032);
		assertRefused(admin("POST", transferPath(ADA, conversation),
				"{\"flowId\": \"%s\"}".formatted(PartnerFixture.FLOW_A)), 400, 10024);
		assertRefused(admin("POST", transferPath(ADA, conversation), "{\"userId\": \"0055g00000BIntB\"}"), 400, 15106);
		assertRefused(admin("POST", transferPath(BOB, conversation),
				"{\"queueId\": \"%s\"}".formatted(PartnerFixture.QUEUE_A)), 400, 10089);
	}

	@Test
	void whenThePartnerHidTransferThenTheRepCannotTransfer() {
		Started conversation = startConversation(partnerA());
		HttpResponse<String> assigned = post("/api/v1/agentWork", partnerA(), """
				{"userId": "%s", "workItemId": "%s", "capacityWeight": 1,
				 "routingContext": {"conversationIdentifier": "%s", "routingType": "Initial",
				  "routingCorrelationId": "%s"},
				 "agentActionVisibilities": [{"agentAction": "Transfer", "visible": false}]}"""
			.formatted(ADA, conversation.workItemId(), conversation.conversationIdentifier(), uuid()));
		action(ADA, json(assigned).get("agentWorkId").asString(), "accept");

		assertRefused(admin("POST", transferPath(ADA, conversation),
				"{\"queueId\": \"%s\"}".formatted(PartnerFixture.QUEUE_A)), 400, 10089);
		assertThat(psrs(conversation)).isEmpty();
	}

	@Test
	void whenARepEndsTheConversationThenTheSessionEndsAndTheirWorkCloses() {
		Started conversation = startConversation(partnerA());
		openedBy(conversation, ADA);

		JsonNode ended = agent("POST", "/admin/api/orgs/%s/agents/%s/conversations/%s/end".formatted(
				partnerA().orgKey(), ADA, conversation.conversationIdentifier()), null);

		assertThat(ended.get("sessionId").asString()).isEqualTo(conversation.workItemId());
		assertThat(ended.get("sessionStatus").asString()).isEqualTo("Ended");
		assertThat(session(conversation).status()).isEqualTo(MessagingSession.Status.Ended);
		assertThat(work(conversation)).singleElement()
			.satisfies((work) -> assertThat(work.status()).isEqualTo(AgentWork.Status.Closed));
		assertRefused(admin("POST", "/admin/api/orgs/%s/agents/%s/conversations/%s/end".formatted(
				partnerA().orgKey(), ADA, conversation.conversationIdentifier()), null), 400, 10089);
	}

	@Test
	void whenTheConversationBelongsToAnotherOrgThenTheAgentSideDoesNotFindIt() {
		Started conversation = startConversation(partnerA());
		openedBy(conversation, ADA);
		assertRefused(admin("POST", "/admin/api/orgs/%s/agents/%s/conversations/%s/end".formatted(
				fixture.partnerC().orgKey(), "0055g00000CAgtC", conversation.conversationIdentifier()), null), 400,
				10018);
		assertThat(session(conversation).status()).isEqualTo(MessagingSession.Status.Active);
	}

	/** The partner routes and assigns the work to the rep, who accepts it. */
	void openedBy(Started conversation, String userId) {
		route(conversation, null);
		action(userId, assign(conversation, userId), "accept");
	}

	String assign(Started conversation, String userId) {
		HttpResponse<String> assigned = post("/api/v1/agentWork", conversation.app(), """
				{"userId": "%s", "workItemId": "%s"}""".formatted(userId, conversation.workItemId()));
		assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(202);
		return json(assigned).get("agentWorkId").asString();
	}

	JsonNode listed(String userId) {
		return agent("GET", "/admin/api/orgs/%s/agents/%s/work".formatted(partnerA().orgKey(), userId), null)
			.get("work");
	}

	JsonNode action(String userId, String agentWorkId, String action) {
		return agent("POST", workPath(userId, agentWorkId, action), null);
	}

	HttpResponse<String> actionResponse(String userId, String agentWorkId, String action) {
		return admin("POST", workPath(userId, agentWorkId, action), null);
	}

	static String workPath(String userId, String agentWorkId, String action) {
		return "/admin/api/orgs/%s/agents/%s/work/%s/%s".formatted(partnerA().orgKey(), userId, agentWorkId, action);
	}

	static String transferPath(String userId, Started conversation) {
		return "/admin/api/orgs/%s/agents/%s/conversations/%s/transfer".formatted(partnerA().orgKey(), userId,
				conversation.conversationIdentifier());
	}

	MessagingSession session(Started conversation) {
		return this.conversations.session(conversation.workItemId()).orElseThrow();
	}

}
