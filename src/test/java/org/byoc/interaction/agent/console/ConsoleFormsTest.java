package org.byoc.interaction.agent.console;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.routing.PendingServiceRouting;
import org.byoc.interaction.routing.Routings;
import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.routing.work.AgentWorks;
import org.byoc.interaction.support.ConsoleCsrf;
import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's forms work as plain HTML forms too (no script: post, then a redirect back to the page), and reach
 * the same services as the admin API: checked here through those services' own read side.
 */
class ConsoleFormsTest extends PartnerApiTestBase {

	static final String AGENT = PartnerFixture.AGENT_A_ID;

	static final String DESK = "/console/orgs/" + PartnerFixture.ORG_A_ID + "/agents/" + AGENT + "/";

	@LocalManagementPort
	int managementPort;

	@Autowired
	AgentWorks agentWorks;

	@Autowired
	Routings routings;

	@Autowired
	Conversations conversations;

	@Test
	void whenTheFormsArePostedWithoutScriptThenWorkIsAcceptedTransferredToAFlowOrAnAgentAndTheChatEnds() {
		String conversation = withAssignedWork();
		AgentWork assigned = this.agentWorks.activeWork(PartnerFixture.ORG_A_ID, AGENT).stream()
			.filter((w) -> w.conversationIdentifier().equals(conversation))
			.findFirst()
			.orElseThrow();

		HttpResponse<String> accepted = form(DESK + "work/" + assigned.id() + "/accept", "selected=", false);
		assertThat(accepted.statusCode()).isEqualTo(302);
		assertThat(location(accepted)).isEqualTo(DESK + "conversations/" + conversation);
		assertThat(this.agentWorks.workOf(PartnerFixture.ORG_A_ID, conversation)).extracting(AgentWork::status)
			.containsExactly(AgentWork.Status.Opened);

		HttpResponse<String> noFallback = form(DESK + "conversations/" + conversation + "/transfer",
				"target=flow%3A" + PartnerFixture.FLOW_A + "&fallbackQueueId=", false);
		assertThat(noFallback.statusCode()).isEqualTo(400);
		assertThat(noFallback.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(noFallback.body()).contains("A transfer to a flow needs the flow&#39;s fallback queueId as well.");

		assertThat(form(DESK + "conversations/" + conversation + "/transfer", "target=flow%3A" + PartnerFixture.FLOW_A
				+ "&fallbackQueueId=" + PartnerFixture.QUEUE_A, false).statusCode()).isEqualTo(302);
		PendingServiceRouting toFlow = last(this.routings.routingsOf(PartnerFixture.ORG_A_ID, conversation));
		assertThat(toFlow.flowId()).isEqualTo(PartnerFixture.FLOW_A);
		assertThat(toFlow.queueId()).isEqualTo(PartnerFixture.QUEUE_A);
		assertThat(toFlow.origin()).isEqualTo(PendingServiceRouting.Origin.Transfer);

		HttpResponse<String> toAgent = form(DESK + "conversations/" + conversation + "/transfer",
				"target=user%3A" + PartnerFixture.AGENT_B_ID, true);
		assertThat(toAgent.statusCode()).isEqualTo(200);
		PendingServiceRouting toB = last(this.routings.routingsOf(PartnerFixture.ORG_A_ID, conversation));
		assertThat(toB.userId()).isEqualTo(PartnerFixture.AGENT_B_ID);
		assertThat(toFlow.id()).isNotEqualTo(toB.id());
		// htmx gets the work panel back, with the new routing waiting
		assertThat(toAgent.body()).contains("data-psr-id=\"" + toB.id() + "\"").doesNotContain("<html");

		assertThat(form(DESK + "conversations/" + conversation + "/end", "", false).statusCode()).isEqualTo(302);
		String session = this.conversations.find(PartnerFixture.ORG_A_ID, conversation).orElseThrow()
			.currentSessionId();
		assertThat(this.conversations.session(session).orElseThrow().status()).isEqualTo(MessagingSession.Status.Ended);
	}

	@Test
	void whenAReplyIsPostedAsAPlainMultipartFormThenItIsSentAndThePageReloads() {
		String conversation = endUserWrites("+1555" + UUID.randomUUID().toString().substring(0, 7), "plain form");
		ConsoleCsrf csrf = csrf();
		Multipart body = Multipart.of().field("text", null, "Sent without script".getBytes()).field("typing", null,
				"false".getBytes()).field(csrf.parameter(), null, csrf.token().getBytes());
		HttpResponse<String> sent = send(HttpRequest
			.newBuilder(URI.create(management(DESK + "conversations/" + conversation + "/messages")))
			.header("Cookie", cookie() + "; " + csrf.cookie())
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());

		assertThat(sent.statusCode()).isEqualTo(302);
		assertThat(location(sent)).isEqualTo(DESK + "conversations/" + conversation);
		List<TranscriptEntry> transcript = this.conversations.transcript(conversation);
		assertThat(transcript.get(transcript.size() - 1).payloadJson()).contains("Sent without script");
	}

	@Test
	void whenTheDeskIsOpenedThenTheMostRecentlyActiveConversationLeadsWithWhatIsUnread() {
		String from = "+1555" + UUID.randomUUID().toString().substring(0, 7);
		String older = endUserWrites(from, "first question");
		String newer = endUserWrites("+1555" + UUID.randomUUID().toString().substring(0, 7), "other question");
		endUserWrites(from, "second question");

		String desk = get(DESK).body();
		assertThat(desk.indexOf("data-conversation=\"" + older)).isPositive()
			.isLessThan(desk.indexOf("data-conversation=\"" + newer));
		String line = desk.substring(desk.indexOf("data-conversation=\"" + older));
		line = line.substring(0, line.indexOf("</li>"));
		assertThat(line).contains("aria-label=\"2 unread\"").contains("second question");

		form(DESK + "conversations/" + older + "/messages", "text=answer", true);
		String after = get(DESK).body();
		String answered = after.substring(after.indexOf("data-conversation=\"" + older));
		answered = answered.substring(0, answered.indexOf("</li>"));
		assertThat(answered).doesNotContain("unread").contains("You: answer");
	}

	@Test
	void whenAnUnknownConversationOrAgentIsOpenedThenThePageSaysSo() {
		HttpResponse<String> unknown = get(DESK + "conversations/" + UUID.randomUUID());
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("No conversation");

		HttpResponse<String> stranger = get("/console/orgs/" + PartnerFixture.ORG_A_ID + "/agents/0055g00000BIntB/");
		assertThat(stranger.statusCode()).isEqualTo(400);
		assertThat(stranger.body()).contains("is not a user of org");
	}

	/** An end user writes; the partner routes the conversation and assigns it to the agent. */
	private String withAssignedWork() {
		String conversation = endUserWrites("+1555" + UUID.randomUUID().toString().substring(0, 7), "route me");
		String workItem = this.conversations.find(PartnerFixture.ORG_A_ID, conversation).orElseThrow()
			.currentSessionId();
		partner("/api/v1/route", """
				{"conversationIdentifier": "%s", "routingType": "Initial"}""".formatted(conversation));
		partner("/api/v1/agentWork", """
				{"userId": "%s", "workItemId": "%s"}""".formatted(AGENT, workItem));
		return conversation;
	}

	private String endUserWrites(String from, String text) {
		String id = UUID.randomUUID().toString();
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": 1, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "Message", "abstractMessage": {"messageType":
				 "StaticContentMessage", "id": "%s", "staticContent": {"formatType": "Text", "text": "%s"}}}}]}"""
			.formatted(fixture.partnerA().address(), from, id, id, text));
		HttpResponse<String> accepted = send(apiRequest("/api/v1/interactions", fixture.partnerA(),
				accessToken(fixture.partnerA()))
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		return json(accepted).get("conversationIdentifier").asString();
	}

	private void partner(String path, String json) {
		HttpResponse<String> response = send(apiRequest(path, fixture.partnerA(), accessToken(fixture.partnerA()))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
		assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 202);
	}

	/** Posts as the page does: a plain form carries the CSRF token as a field, htmx sends it as a header. */
	private HttpResponse<String> form(String path, String body, boolean htmx) {
		ConsoleCsrf csrf = csrf();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(management(path)))
			.header("Cookie", cookie() + "; " + csrf.cookie())
			.header("Content-Type", "application/x-www-form-urlencoded");
		if (htmx) {
			request.header("HX-Request", "true").header(csrf.header(), csrf.token());
			request.POST(HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.POST(HttpRequest.BodyPublishers.ofString(body.isEmpty() ? csrf.formField()
					: body + "&" + csrf.formField()));
		}
		return send(request.build());
	}

	private ConsoleCsrf csrf() {
		return ConsoleCsrf.fetch(this.managementPort);
	}

	private HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(management(path)))
			.header("Cookie", cookie())
			.header("Accept", "text/html")
			.build());
	}

	private String management(String path) {
		return "http://localhost:" + this.managementPort + path;
	}

	private static String cookie() {
		return "console_admin_token=" + fixture.adminToken();
	}

	private static String location(HttpResponse<String> response) {
		return URI.create(response.headers().firstValue("Location").orElseThrow()).getPath();
	}

	private static <T> T last(List<T> list) {
		return list.get(list.size() - 1);
	}

}
