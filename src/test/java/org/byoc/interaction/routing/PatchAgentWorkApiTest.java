package org.byoc.interaction.routing;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PATCH /api/v1/agentWork through HTTP (contract §B11, check §F 62): a partner cancels or closes a rep's work; a
 * bring-your-own-bot accepts, declines and closes a work item; every refusal with its code.
 */
class PatchAgentWorkApiTest extends RoutingApiTestBase {

	static final String AGENT = PartnerFixture.AGENT_A_ID;

	@Test
	void whenThePartnerCancelsAssignedWorkThenItIsCanceled() {
		Started conversation = startConversation(partnerA());
		String workId = assign(conversation);

		HttpResponse<String> canceled = patch(partnerA(), "ConversationChannelDefinition", """
				{"workId": "%s", "contextType": "Agent", "status": "Cancel"}""".formatted(workId));

		assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(202);
		assertThat(json(canceled).get("success").asBoolean()).isTrue();
		assertThat(work(conversation)).singleElement()
			.satisfies((work) -> assertThat(work.status()).isEqualTo(AgentWork.Status.Canceled));
		// canceled work is no longer active: the same rep may be assigned again
		assertThat(work(conversation)).noneMatch(AgentWork::isActive);
	}

	@Test
	void whenThePartnerClosesOpenedWorkThenTheRepLeaves() {
		Started conversation = startConversation(partnerA());
		String workId = assign(conversation);
		agent("POST", "/admin/api/orgs/" + partnerA().orgId() + "/agents/" + AGENT + "/work/" + workId + "/accept",
				null);

		HttpResponse<String> closed = patch(partnerA(), "conversationchanneldefinition", """
				{"workId": "%s", "contextType": "Agent", "status": "Close"}""".formatted(workId));

		assertThat(closed.statusCode()).as(closed.body()).isEqualTo(202);
		assertThat(work(conversation)).singleElement()
			.satisfies((work) -> assertThat(work.status()).isEqualTo(AgentWork.Status.Closed));
		assertThat(this.conversations.transcript(conversation.conversationIdentifier()))
			.filteredOn((entry) -> entry.entryType().equals("ParticipantChanged"))
			.extracting(TranscriptEntry::payloadJson)
			.last()
			.asString()
			.contains("\"operation\":\"remove\"");
	}

	@Test
	void whenTheRequestBreaksARuleThenItIsRefusedWithItsCode() {
		Started conversation = startConversation(partnerA());
		String workId = assign(conversation);
		String context = "ConversationChannelDefinition";
		assertRefused(patch(partnerA(), context, """
				{"workId": "%s", "contextType": "Robot", "status": "Cancel"}""".formatted(workId)), 400, 10083);
		assertRefused(patch(partnerA(), context, """
				{"workId": "%s", "contextType": "Agent", "status": "Finish"}""".formatted(workId)), 400, 10085);
		assertRefused(patch(partnerA(), context, """
				{"contextType": "Agent", "status": "Cancel"}"""), 400, 10082);
		assertRefused(patch(partnerA(), context, """
				{"workId": "0Bz5g0000000000", "contextType": "Agent", "status": "Cancel"}"""), 400, 10082);
		assertRefused(patch(partnerA(), context, """
				{"workId": "%s", "contextType": "Agent", "status": "Accept"}""".formatted(workId)), 400, 10085);
		assertRefused(patch(partnerA(), "Foo", """
				{"workId": "%s", "contextType": "Agent", "status": "Cancel"}""".formatted(workId)), 400, 10093);
		assertRefused(patch(partnerA(), null, """
				{"workId": "%s", "contextType": "Agent", "status": "Cancel"}""".formatted(workId)), 400, 10016);
		assertRefused(patch(partnerA(), context, ""), 400, 10100);
		// check 62: a Chatbot update needs the bot and the work item
		assertRefused(patch(fixture.botA(), "ExternalConversationParticipant", """
				{"workId": "%s", "contextType": "Chatbot", "status": "Accept"}""".formatted(workId)), 400, 10089);
		assertRefused(patch(fixture.botA(), "ExternalConversationParticipant", """
				{"workId": "%s", "contextType": "Chatbot", "status": "Accept", "botId": "%s"}"""
			.formatted(workId, PartnerFixture.BOT_A)), 400, 10089);
		// org B never sees org A's work
		assertRefused(patch(fixture.partnerB(), context, """
				{"workId": "%s", "contextType": "Agent", "status": "Cancel"}""".formatted(workId)), 400, 10082);
		assertThat(work(conversation)).singleElement()
			.satisfies((work) -> assertThat(work.status()).isEqualTo(AgentWork.Status.Assigned));
	}

	@Test
	void whenABotAcceptsDeclinesAndClosesThenItJoinsStaysOutAndLeaves() {
		Started conversation = startConversation(partnerA());
		String bot = """
				{"workId": "0Bz5g000000BotW", "contextType": "Chatbot", "status": "%s", "botId": "%s",
				 "workItemId": "%s"}""";
		String type = "ExternalConversationParticipant";

		assertThat(patch(fixture.botA(), type, bot.formatted("Decline", PartnerFixture.BOT_A,
				conversation.workItemId())).statusCode()).isEqualTo(202);
		assertThat(participantChanges(conversation)).isEmpty();

		HttpResponse<String> accepted = patch(fixture.botA(), type,
				bot.formatted("Accept", PartnerFixture.BOT_A, conversation.workItemId()));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		assertThat(participantChanges(conversation)).singleElement().asString().contains("\"operation\":\"add\"")
			.contains(PartnerFixture.BOT_A);

		assertThat(patch(fixture.botA(), type, bot.formatted("Close", PartnerFixture.BOT_A,
				conversation.workItemId())).statusCode()).isEqualTo(202);
		assertThat(participantChanges(conversation)).hasSize(2).last().asString().contains("\"operation\":\"remove\"");

		// a bot that is not taking part cannot leave; an unknown bot or work item is refused
		assertRefused(patch(fixture.botA(), type, bot.formatted("Close", PartnerFixture.BOT_A,
				conversation.workItemId())), 400, 10036);
		assertRefused(patch(fixture.botA(), type, bot.formatted("Accept", "0Xx5g00000NoBot",
				conversation.workItemId())), 400, 10084);
		// a bot of the org, but of another integration than the caller's
		assertRefused(patch(fixture.botA(), type, bot.formatted("Accept", PartnerFixture.SECOND_BOT_A,
				conversation.workItemId())), 403, 10087);
		assertRefused(patch(fixture.botA(), type, bot.formatted("Accept", PartnerFixture.BOT_A, "0Mw5g0000000000")),
				400, 15111);
	}

	private java.util.List<String> participantChanges(Started conversation) {
		return this.conversations.transcript(conversation.conversationIdentifier())
			.stream()
			.filter((entry) -> entry.entryType().equals("ParticipantChanged"))
			.map(TranscriptEntry::payloadJson)
			.toList();
	}

	private String assign(Started conversation) {
		HttpResponse<String> assigned = post("/api/v1/agentWork", conversation.app(), """
				{"userId": "%s", "workItemId": "%s", "capacityWeight": 1,
				 "routingContext": {"conversationIdentifier": "%s", "routingType": "Initial",
				  "routingCorrelationId": "%s"}}""".formatted(AGENT, conversation.workItemId(),
				conversation.conversationIdentifier(), uuid()));
		assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(202);
		return json(assigned).get("agentWorkId").asString();
	}

	private HttpResponse<String> patch(PartnerFixture.App app, String contextType, String body) {
		HttpRequest.Builder request = apiRequest("/api/v1/agentWork", app, token(app)).header("Content-Type",
				"application/json");
		if (contextType != null) {
			request.header("AuthorizationContextType", contextType);
		}
		return send(request.method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
	}

}
