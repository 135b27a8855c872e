package org.byoc.interaction.routing;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/v1/routingResult, /participant and /messagingSession through HTTP: contract checks §F 54, 58, 59 with
 * the routing, work and session state they leave.
 */
class SessionApiTest extends RoutingApiTestBase {

	static final String AGENT = PartnerFixture.AGENT_A_ID;

	@Test
	void whenSuccessComesWithAnErrorMessageThenItIsRefusedWith10033() {
		Started conversation = startConversation(partnerA());
		assertRefused(routingResult(conversation, true, "\"errorMessage\": \"no\""), 400, 10033);
	}

	@Test
	void whenFailureComesWithoutAnErrorMessageThenItIsRefusedWith10034() {
		Started conversation = startConversation(partnerA());
		assertRefused(routingResult(conversation, false, null), 400, 10034);
	}

	@Test
	void whenRoutingFailedThenTheOpenPsrIsClosedAsFailedWithTheMessage() {
		Started conversation = startConversation(partnerA());
		route(conversation, null);

		HttpResponse<String> response = routingResult(conversation, false, "\"errorMessage\": \"No rep available\"");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(json(response).get("success").asBoolean()).isTrue();
		assertThat(psrs(conversation)).singleElement().satisfies((psr) -> {
			assertThat(psr.status()).isEqualTo(PendingServiceRouting.Status.Failed);
			assertThat(psr.resultMessage()).isEqualTo("No rep available");
		});
	}

	@Test
	void whenRoutedExternallyThenTheOpenPsrIsCompletedAndAnInternalSuccessKeepsItOpen() {
		Started conversation = startConversation(partnerA());
		route(conversation, null);
		assertThat(post("/api/v1/routingResult", partnerA(), """
				{"conversationIdentifier": "%s", "workItemId": "%s", "success": true, "externallyRouted": false}"""
			.formatted(conversation.conversationIdentifier(), conversation.workItemId())).statusCode()).isEqualTo(202);
		assertThat(psrs(conversation)).singleElement().satisfies((psr) -> assertThat(psr.isOpen()).isTrue());

		assertThat(routingResult(conversation, true, null).statusCode()).isEqualTo(202);
		assertThat(psrs(conversation)).singleElement().satisfies((psr) -> {
			assertThat(psr.status()).isEqualTo(PendingServiceRouting.Status.Completed);
			assertThat(psr.externallyRouted()).isTrue();
		});
	}

	@Test
	void whenTheRoutingResultNamesAnotherConversationsWorkItemOrAnotherOrgsConversationThenItIsRefused() {
		Started conversation = startConversation(partnerA());
		Started other = startConversation(partnerA());
		assertRefused(post("/api/v1/routingResult", partnerA(), """
				{"conversationIdentifier": "%s", "workItemId": "%s", "success": true, "externallyRouted": true}"""
			.formatted(conversation.conversationIdentifier(), other.workItemId())), 400, 10012);
		Started inB = startConversation(fixture.partnerB());
		assertRefused(post("/api/v1/routingResult", partnerA(), """
				{"conversationIdentifier": "%s", "workItemId": "%s", "success": true, "externallyRouted": true}"""
			.formatted(inB.conversationIdentifier(), inB.workItemId())), 400, 10018);
	}

	@Test
	void whenInactivateHasNoSessionIdThenItIsRefusedWith10106() {
		Started conversation = startConversation(partnerA());
		assertRefused(messagingSession(conversation, "\"operation\": \"Inactivate\""), 400, 10106);
		assertThat(session(conversation).status()).isEqualTo(MessagingSession.Status.Active);
	}

	@Test
	void whenTheOperationIsNotEndOrInactivateThenItIsRefusedWith10102() {
		Started conversation = startConversation(partnerA());
		assertRefused(messagingSession(conversation, "\"operation\": \"Close\""), 400, 10102);
	}

	@Test
	void whenOperationByIsNotEndUserOrSystemThenItIsRefusedWith10103() {
		Started conversation = startConversation(partnerA());
		assertRefused(messagingSession(conversation, "\"operation\": \"End\", \"operationBy\": \"Agent\""), 400,
				10103);
	}

	@Test
	void whenTheSessionIsEndedThenItClosesWorkAndRoutingAndASecondEndFindsNoActiveConversation() {
		Started conversation = startConversation(partnerA());
		route(conversation, null);
		String agentWorkId = acceptedWork(conversation, AGENT);

		HttpResponse<String> ended = messagingSession(conversation,
				"\"operation\": \"End\", \"operationBy\": \"EndUser\"");

		assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
		assertThat(json(ended).get("success").asBoolean()).isTrue();
		assertThat(json(ended).has("errorReason")).isFalse();
		MessagingSession session = session(conversation);
		assertThat(session.status()).isEqualTo(MessagingSession.Status.Ended);
		assertThat(session.endedAt()).isNotNull();
		assertThat(work(conversation)).singleElement().satisfies((work) -> {
			assertThat(work.id()).isEqualTo(agentWorkId);
			assertThat(work.status()).isEqualTo(AgentWork.Status.Closed);
		});

		HttpResponse<String> again = messagingSession(conversation, "\"operation\": \"End\"");
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(json(again).get("success").asBoolean()).isFalse();
		assertThat(json(again).get("errorReason").asString()).isEqualTo("ACTIVE_CONVERSATION_NOT_FOUND");
	}

	@Test
	void whenTheSessionIsEndedWithAnOpenPsrThenThePsrIsCanceledAndOfferedWorkToo() {
		Started conversation = startConversation(partnerA());
		route(conversation, null);
		post("/api/v1/agentWork", partnerA(), """
				{"userId": "%s", "workItemId": "%s"}""".formatted(AGENT, conversation.workItemId()));

		assertThat(messagingSession(conversation, "\"operation\": \"End\", \"operationBy\": \"EndUser\"").statusCode())
			.isEqualTo(200);

		assertThat(psrs(conversation)).singleElement().satisfies((psr) -> {
			assertThat(psr.status()).isEqualTo(PendingServiceRouting.Status.Canceled);
			assertThat(psr.cancelReason()).isEqualTo("EndUserEnded");
		});
		assertThat(work(conversation)).singleElement()
			.satisfies((work) -> assertThat(work.status()).isEqualTo(AgentWork.Status.Canceled));
	}

	@Test
	void whenTheEndUserWritesAfterTheEndThenANewSessionStarts() {
		Started conversation = startConversation(partnerA());
		messagingSession(conversation, "\"operation\": \"End\"");

		Started again = message(partnerA(), conversation.endUser(), "{}");

		assertThat(again.conversationIdentifier()).isEqualTo(conversation.conversationIdentifier());
		assertThat(again.workItemId()).isNotEqualTo(conversation.workItemId()).startsWith("0Mw");
		assertThat(this.conversations.session(again.workItemId()).orElseThrow().status())
			.isEqualTo(MessagingSession.Status.Active);
		assertThat(session(conversation).status()).isEqualTo(MessagingSession.Status.Ended);
	}

	@Test
	void whenTheSessionIsInactivatedThenItIsInactiveUntilTheEndUserWritesAgain() {
		Started conversation = startConversation(partnerA());
		HttpResponse<String> response = messagingSession(conversation,
				"\"operation\": \"Inactivate\", \"sessionId\": \"%s\"".formatted(conversation.workItemId()));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(json(response).get("success").asBoolean()).isTrue();
		assertThat(session(conversation).status()).isEqualTo(MessagingSession.Status.Inactive);

		assertThat(message(partnerA(), conversation.endUser(), "{}").workItemId()).isEqualTo(conversation.workItemId());
		assertThat(session(conversation).status()).isEqualTo(MessagingSession.Status.Active);
	}

	@Test
	void whenTheSessionIdIsMalformedOrNotTheConversationsThenItIsRefusedWith10072Or10071() {
		Started conversation = startConversation(partnerA());
		Started other = startConversation(partnerA());
		assertRefused(messagingSession(conversation, "\"operation\": \"Inactivate\", \"sessionId\": \"nope\""), 400,
				10072);
		assertRefused(messagingSession(conversation,
				"\"operation\": \"Inactivate\", \"sessionId\": \"%s\"".formatted(other.workItemId())), 400, 10071);
		assertThat(session(other).status()).isEqualTo(MessagingSession.Status.Active);
	}

	@Test
	void whenTheAddressEndUserOrConversationDoNotMatchThenItIsRefused() {
		Started conversation = startConversation(partnerA());
		Started other = startConversation(partnerA());
		Started inB = startConversation(fixture.partnerB());
		assertRefused(endRequest(uuid(), conversation.endUser(), conversation.conversationIdentifier()), 400, 10017);
		assertRefused(endRequest(fixture.partnerB().address(), inB.endUser(), inB.conversationIdentifier()), 400,
				10017);
		assertRefused(endRequest(partnerA().address(), "+15550000000", conversation.conversationIdentifier()), 400,
				10105);
		assertRefused(endRequest(partnerA().address(), conversation.endUser(), other.conversationIdentifier()), 400,
				10018);
		assertRefused(endRequest(partnerA().address(), conversation.endUser(), inB.conversationIdentifier()), 400,
				10018);
		assertThat(session(conversation).status()).isEqualTo(MessagingSession.Status.Active);
		assertThat(session(inB).status()).isEqualTo(MessagingSession.Status.Active);
	}

	@Test
	void whenAParticipantIsAddedThenItIsRefusedWith10097() {
		Started conversation = startConversation(partnerA());
		assertRefused(participant(conversation, "Add", agentParticipant(AGENT)), 400, 10097);
	}

	@Test
	void whenTwoParticipantsAreNamedThenItIsAValidationError() {
		Started conversation = startConversation(partnerA());
		assertRefused(participant(conversation, "Remove",
				agentParticipant(AGENT) + ", " + agentParticipant(PartnerFixture.AGENT_B_ID)), 400, 10089);
	}

	@Test
	void whenTheParticipantIsNotARepInTheConversationThenItIsRefused() {
		Started conversation = startConversation(partnerA());
		assertRefused(participant(conversation, "Remove", agentParticipant(AGENT)), 400, 10036);
		assertRefused(participant(conversation, "Remove", """
				{"appType": "custom", "subject": "%s", "role": "EndUser"}""".formatted(conversation.endUser())), 400,
				10037);
		assertRefused(participant(conversation, "Remove", """
				{"appType": "agent", "subject": "%s", "role": "EndUser"}""".formatted(AGENT)), 400, 10038);
	}

	@Test
	void whenARepIsRemovedThenTheirWorkClosesAndTheSessionStaysOpen() {
		Started conversation = startConversation(partnerA());
		route(conversation, null);
		String agentWorkId = acceptedWork(conversation, AGENT);

		HttpResponse<String> removed = participant(conversation, "Remove", agentParticipant(AGENT));

		assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
		assertThat(json(removed).get("success").asBoolean()).isTrue();
		assertThat(work(conversation)).singleElement().satisfies((work) -> {
			assertThat(work.id()).isEqualTo(agentWorkId);
			assertThat(work.status()).isEqualTo(AgentWork.Status.Closed);
		});
		assertThat(session(conversation).status()).isEqualTo(MessagingSession.Status.Active);
		assertRefused(participant(conversation, "Remove", agentParticipant(AGENT)), 400, 10036);
	}

	@Test
	void whenAnotherOrgsConversationIsNamedThenParticipantAndSessionCallsAreRefusedWith10018() {
		Started inB = startConversation(fixture.partnerB());
		assertRefused(participant(new Started(partnerA(), inB.endUser(), inB.conversationIdentifier(),
				inB.workItemId()), "Remove", agentParticipant(AGENT)), 400, 10018);
	}

	@Test
	void whenTheBodyIsEmptyThenEachIsRefusedWith10100() {
		assertRefused(post("/api/v1/routingResult", partnerA(), null), 400, 10100);
		assertRefused(post("/api/v1/participant", partnerA(), null), 400, 10100);
		assertRefused(post("/api/v1/messagingSession", partnerA(), null), 400, 10100);
	}

	/** Assigns the conversation's work item to the rep (with its PSR) and accepts it on the admin API. */
	String acceptedWork(Started conversation, String userId) {
		HttpResponse<String> assigned = post("/api/v1/agentWork", conversation.app(), """
				{"userId": "%s", "workItemId": "%s"}""".formatted(userId, conversation.workItemId()));
		assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(202);
		String agentWorkId = json(assigned).get("agentWorkId").asString();
		JsonNode accepted = agent("POST", "/admin/api/orgs/%s/agents/%s/work/%s/accept"
			.formatted(conversation.app().orgKey(), userId, agentWorkId), null);
		assertThat(accepted.get("status").asString()).isEqualTo("Opened");
		return agentWorkId;
	}

	HttpResponse<String> routingResult(Started conversation, boolean success, String errorMessage) {
		return post("/api/v1/routingResult", conversation.app(), """
				{"conversationIdentifier": "%s", "workItemId": "%s", "success": %s, "externallyRouted": true%s}"""
			.formatted(conversation.conversationIdentifier(), conversation.workItemId(), success,
					(errorMessage != null) ? ", " + errorMessage : ""));
	}

	HttpResponse<String> messagingSession(Started conversation, String operation) {
		return post("/api/v1/messagingSession", conversation.app(), """
				{"channelAddressIdentifier": "%s", "endUserClientId": "%s", "conversationIdentifier": "%s", %s}"""
			.formatted(conversation.app().address(), conversation.endUser(), conversation.conversationIdentifier(),
					operation));
	}

	HttpResponse<String> endRequest(String address, String endUser, String conversationIdentifier) {
		return post("/api/v1/messagingSession", partnerA(), """
				{"channelAddressIdentifier": "%s", "endUserClientId": "%s", "conversationIdentifier": "%s",
				 "operation": "End"}""".formatted(address, endUser, conversationIdentifier));
	}

	HttpResponse<String> participant(Started conversation, String operation, String participants) {
		return post("/api/v1/participant", conversation.app(), """
				{"conversationIdentifier": "%s", "operation": "%s", "participants": [%s]}"""
			.formatted(conversation.conversationIdentifier(), operation, participants));
	}

	static String agentParticipant(String userId) {
		return """
				{"appType": "agent", "subject": "%s", "role": "Agent"}""".formatted(userId);
	}

	MessagingSession session(Started conversation) {
		return this.conversations.session(conversation.workItemId()).orElseThrow();
	}

}
