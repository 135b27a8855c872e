package org.byoc.interaction.routing;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerSubscription;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;
import org.byoc.interaction.support.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scripted agent (issue 17, §3) completes a conversation with no person at the console: the partner sends
 * messages, and its Pub/Sub subscriber receives the agent's typing, its replies by the rules and the end of the
 * session, in order, as the events of the console's own actions.
 */
class ScriptedAgentEndToEndTest extends QueueRoutingTestBase {

	@Test
	void whenAnEndUserWritesThenTheScriptedAgentTypesRepliesAndEndsTheSession() {
		putScriptedAgents("""
				{"scriptedAgents": [{"userId": "%s",
				  "replies": [
				    {"pattern": "(?i)help", "reply": "Sure, what is your order number?", "typingMillis": 300},
				    {"pattern": "ORD-\\\\d+", "sequence": ["Found it: it ships today."]},
				    {"echo": true}],
				  "endAfterMessages": 2}]}""".formatted(this.org.ada()));
		try (PartnerSubscription subscription = subscribe(this.org.chat())) {
			Started conversation = startConversation(this.org.chat());
			List<OutboundEvent> first = subscription.awaitUntil(conversation.conversationIdentifier(),
					(events) -> agentMessages(events).size() == 1, Duration.ofSeconds(20));
			List<String> types = entryTypes(first);
			assertThat(types).containsSubsequence("ParticipantChanged", "TypingStartedIndicator",
					"TypingStoppedIndicator", "Message");
			assertThat(text(agentMessages(first).get(0))).isEqualTo("Sure, what is your order number?");
			assertThat(agentMessages(first).get(0).payload().at("/payload/sender/subject").asString())
				.isEqualTo(this.org.ada());

			send(conversation, "It is ORD-1001");
			List<OutboundEvent> all = subscription.awaitUntil(conversation.conversationIdentifier(),
					(events) -> entryTypes(events).contains("SessionStatusChanged"), Duration.ofSeconds(20));
			assertThat(agentMessages(all)).extracting(ScriptedAgentEndToEndTest::text)
				.containsExactly("Sure, what is your order number?", "Found it: it ships today.");
			assertThat(entryTypes(all)).containsSubsequence("TypingStartedIndicator", "TypingStoppedIndicator",
					"Message", "ParticipantChanged", "SessionStatusChanged");
			assertThat(all.indexOf(agentMessages(all).get(1)))
				.isLessThan(entryTypes(all).lastIndexOf("SessionStatusChanged"));
			OutboundEvent ended = all.stream()
				.filter((event) -> event.entryType().equals("SessionStatusChanged"))
				.findFirst()
				.orElseThrow();
			assertThat(ended.entryPayload().toString()).contains("Ended");
		}
		finally {
			admin("DELETE", "/admin/api/orgs/%s/scripted-agents".formatted(this.org.orgId()), null);
		}
	}

	@Test
	void whenAMessageMatchesTheTransferPatternThenTheScriptedAgentTransfersToTheQueueAndAnswersNoMore() {
		putScriptedAgents("""
				{"scriptedAgents": [{"userId": "%s", "replies": [{"echo": true}],
				  "transfer": {"pattern": "(?i)human", "queueId": "%s"}}]}""".formatted(this.org.ada(),
				this.org.vipQueue()));
		try (PartnerSubscription subscription = subscribe(this.org.chat())) {
			Started conversation = startConversation(this.org.chat());
			subscription.awaitUntil(conversation.conversationIdentifier(),
					(events) -> agentMessages(events).size() == 1, Duration.ofSeconds(20));
			send(conversation, "A human please");
			List<OutboundEvent> events = subscription.awaitUntil(conversation.conversationIdentifier(),
					(all) -> entryTypes(all).contains("TransferProgress"), Duration.ofSeconds(20));
			assertThat(agentMessages(events)).extracting(ScriptedAgentEndToEndTest::text)
				.containsExactly("I need help", "A human please");
			PendingServiceRouting transfer = psrs(conversation).get(psrs(conversation).size() - 1);
			assertThat(transfer.routingType()).isEqualTo(RoutingType.Transfer);
			assertThat(transfer.queueId()).isEqualTo(this.org.vipQueue());

			send(conversation, "Still there?");
			sleepQuietly(1500);
			assertThat(this.conversations.transcript(conversation.conversationIdentifier()))
				.filteredOn((entry) -> entry.sender().role().equals("Agent"))
				.filteredOn((entry) -> entry.payloadJson().contains("Still there?"))
				.isEmpty();
		}
		finally {
			admin("DELETE", "/admin/api/orgs/%s/scripted-agents".formatted(this.org.orgId()), null);
		}
	}

	@Test
	void whenTheEndUserStaysSilentPastTheIdleTimeThenTheScriptedAgentSendsItsFileAndEndsTheSession() {
		String pdf = java.util.Base64.getEncoder()
			.encodeToString("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes());
		putScriptedAgents("""
				{"scriptedAgents": [{"userId": "%s",
				  "replies": [{"file": "files/receipt.pdf", "fileContent": "%s", "reply": "Your receipt."}],
				  "endAfterIdleSeconds": 120}]}""".formatted(this.org.bob(), pdf));
		try (PartnerSubscription subscription = subscribe(this.org.chat())) {
			Started conversation = startConversation(this.org.chat());
			List<OutboundEvent> answered = subscription.awaitUntil(conversation.conversationIdentifier(),
					(events) -> agentMessages(events).size() == 1, Duration.ofSeconds(20));
			JsonNode message = agentMessages(answered).get(0).entryPayload().get("abstractMessage");
			assertThat(message.at("/staticContent/formatType").asString()).isEqualTo("Attachments");
			assertThat(message.at("/staticContent/attachments/0/name").asString()).isEqualTo("receipt.pdf");
			assertThat(message.at("/staticContent/text").asString()).isEqualTo("Your receipt.");

			sleepQuietly(600);
			assertThat(this.conversations.session(conversation.workItemId()).orElseThrow().status().name())
				.isNotEqualTo("Ended");
			TestClock.advance(Duration.ofSeconds(121));
			List<OutboundEvent> ended = subscription.awaitUntil(conversation.conversationIdentifier(),
					(events) -> entryTypes(events).contains("SessionStatusChanged"), Duration.ofSeconds(20));
			assertThat(ended.get(ended.size() - 1).payload().at("/payload/sender/subject").asString())
				.isEqualTo(this.org.bob());
		}
		finally {
			admin("DELETE", "/admin/api/orgs/%s/scripted-agents".formatted(this.org.orgId()), null);
		}
	}

	@Test
	void whenTheScriptedAgentsAreReplacedThenTheAdminApiListsThemAndRefusesBadRules() {
		JsonNode listed = putScriptedAgents("""
				{"scriptedAgents": [{"userId": "%s", "replies": [{"echo": true}], "endAfterIdleSeconds": 30}]}"""
			.formatted(this.org.bob()));
		assertThat(listed.at("/scriptedAgents/0/userId").asString()).isEqualTo(this.org.bob());
		assertThat(listed.at("/scriptedAgents/0/endAfterIdleSeconds").asInt()).isEqualTo(30);

		HttpResponse<String> bad = admin("PUT", "/admin/api/orgs/%s/scripted-agents".formatted(this.org.orgId()), """
				{"scriptedAgents": [{"userId": "%s", "replies": [{"echo": true, "reply": "both"}]}]}"""
			.formatted(this.org.bob()));
		assertRefused(bad, 400, 10089);
		assertThat(bad.body()).contains("exactly one way");

		HttpResponse<String> deleted = admin("DELETE", "/admin/api/orgs/%s/scripted-agents".formatted(this.org.orgId()),
				null);
		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(agent("GET", "/admin/api/orgs/%s/scripted-agents".formatted(this.org.orgId()), null)
			.get("scriptedAgents")).isEmpty();
	}

	private static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private JsonNode putScriptedAgents(String body) {
		return agent("PUT", "/admin/api/orgs/%s/scripted-agents".formatted(this.org.orgId()), body);
	}

	private void send(Started conversation, String text) {
		PartnerFixture.App app = conversation.app();
		String entryId = UUID.randomUUID().toString();
		String json = """
				{"to": "%s", "from": "%s", "interactions": [
				 {"timestamp": %d, "interactionType": "EntryInteraction",
				  "payload": {"id": "%s", "entryType": "Message",
				   "abstractMessage": {"messageType": "StaticContentMessage", "id": "%s",
				    "staticContent": {"formatType": "Text", "text": "%s"}}}}]}"""
			.formatted(app.address(), conversation.endUser(), System.currentTimeMillis(), entryId, entryId, text);
		Multipart body = Multipart.of().json(json);
		HttpResponse<String> response = send(apiRequest("/api/v1/interactions", app, token(app))
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
	}

	private static List<String> entryTypes(List<OutboundEvent> events) {
		return events.stream().map(OutboundEvent::entryType).toList();
	}

	private static List<OutboundEvent> agentMessages(List<OutboundEvent> events) {
		return events.stream()
			.filter((event) -> event.entryType().equals("Message"))
			.filter((event) -> event.payload().at("/payload/sender/role").asString().equals("Agent"))
			.toList();
	}

	private static String text(OutboundEvent event) {
		return event.entryPayload().at("/abstractMessage/staticContent/text").asString();
	}

}
