package org.byoc.interaction.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract codes with a cause of their own, each through HTTP: 10025 (a delivery failure for an end user with no
 * conversation), 10058 (an Accept header that excludes JSON, a request parameter of the wrong type), 10104 (a
 * messaging session of another channel), 10020 / 10069 (a missing field with a code of its own), 405, and the demo
 * app's {@code failedChannelEntryIdentifier} read as the documented {@code failedConversationEntryIdentifier}.
 */
class ContractCodesApiTest extends ContractCodesTestBase {

	static final String AGENT = PartnerFixture.AGENT_A_ID;

	@Test
	void whenADeliveryFailureNamesAnEndUserWithoutAConversationThenItIsRefusedWith10025AndNothingIsCreated() {
		String endUser = newEndUser();

		assertRefused(interaction(fixture.partnerA(), endUser, deliveryFailed("failedConversationEntryIdentifier",
				uuid(), endUser)), 400, 10025);

		JsonNode found = json(admin("GET", "/admin/api/conversations?endUserClientId=" + encode(endUser), null));
		assertThat(found.get("conversations")).isEmpty();
	}

	@Test
	void whenTheDemoAppsFieldNameIsSentThenTheFailedEntryIsRecordedAsTheDocumentedOne() {
		String endUser = newEndUser();
		String conversation = endUserWrites(fixture.partnerA(), endUser).get("conversationIdentifier").asString();
		String reply = agentReplies(conversation, "not delivered");

		HttpResponse<String> accepted = interaction(fixture.partnerA(), endUser,
				deliveryFailed("failedChannelEntryIdentifier", reply, endUser));

		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		JsonNode entries = json(admin("GET", "/admin/api/conversations/" + conversation, null)).get("entries");
		JsonNode failed = null;
		JsonNode report = null;
		for (JsonNode entry : entries) {
			if (entry.get("identifier").asString().equals(reply)) {
				failed = entry;
			}
			if (entry.get("entryType").asString().equals("MessageDeliveryFailed")) {
				report = entry;
			}
		}
		assertThat(failed).isNotNull();
		assertThat(failed.get("deliveryErrorCode").asString()).isEqualTo("500");
		assertThat(report.at("/entryPayload/failedConversationEntryIdentifier").asString()).isEqualTo(reply);
		assertThat(report.get("entryPayload").has("failedChannelEntryIdentifier")).isFalse();
	}

	@Test
	void whenBothNamesOfTheFailedEntryAreSentThenTheyMustAgree() {
		String endUser = newEndUser();
		String conversation = endUserWrites(fixture.partnerA(), endUser).get("conversationIdentifier").asString();
		String reply = agentReplies(conversation, "not delivered either");
		String both = """
				{"id": "%s", "entryType": "MessageDeliveryFailed", "failedConversationEntryIdentifier": "%s",
				 "failedChannelEntryIdentifier": "%s", "errorCode": "500",
				 "recipient": {"appType": "custom", "subject": "%s", "role": "EndUser"}}""";

		HttpResponse<String> contradiction = interaction(fixture.partnerA(), endUser,
				both.formatted(uuid(), reply, uuid(), endUser));
		assertRefused(contradiction, 400, 10089);
		assertThat(json(contradiction).get("message").asString()).contains("failedChannelEntryIdentifier");

		assertThat(interaction(fixture.partnerA(), endUser, both.formatted(uuid(), reply, reply, endUser)).statusCode())
			.isEqualTo(202);
	}

	@Test
	void whenTheCallerAcceptsNoJsonThenNothingHappensAndItIsRefusedWith10058() {
		String endUser = newEndUser();
		String entryId = uuid();
		HttpResponse<String> refused = send(apiRequest("/api/v1/interactions", fixture.partnerA(),
				token(fixture.partnerA()))
			.header("Accept", "text/html")
			.header("Content-Type", "multipart/form-data; boundary=x")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(multipart(endUser, entryId)))
			.build());
		assertRefused(refused, 400, 10058);
		assertThat(refused.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
		assertThat(json(admin("GET", "/admin/api/conversations?endUserClientId=" + encode(endUser), null))
			.get("conversations")).isEmpty();

		// JSON among the accepted types is enough
		HttpResponse<String> accepted = send(apiRequest("/api/v1/interactions", fixture.partnerA(),
				token(fixture.partnerA()))
			.header("Accept", "application/xml, application/json;q=0.5")
			.header("Content-Type", "multipart/form-data; boundary=x")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(multipart(endUser, entryId)))
			.build());
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
	}

	@Test
	void whenAnAdminParameterHasTheWrongTypeThenItIs400With10058NotA500() {
		assertRefused(admin("GET", "/admin/api/conversations?limit=ten", null), 400, 10058);
	}

	@Test
	void whenTheSessionIdBelongsToAConversationOfAnotherChannelThenItIsRefusedWith10104() {
		String otherChannelSession = endUserWrites(fixture.salesforceRoutedA(), newEndUser()).get("workItemIds").get(0)
			.asString();
		String endUser = newEndUser();
		String conversation = endUserWrites(fixture.partnerA(), endUser).get("conversationIdentifier").asString();

		HttpResponse<String> refused = call("POST", "/api/v1/messagingSession", fixture.partnerA(), """
				{"channelAddressIdentifier": "%s", "endUserClientId": "%s", "conversationIdentifier": "%s",
				 "sessionId": "%s", "operation": "Inactivate"}""".formatted(fixture.partnerA().address(), endUser,
				conversation, otherChannelSession));

		assertRefused(refused, 403, 10104);
	}

	@Test
	void whenARequiredFieldOfItsOwnCodeIsMissingThenThatCodeAnswers() {
		// 10020: consent names no end user
		assertRefusedInEnvelope(call("PATCH", "/api/v1/consent", fixture.partnerA(), """
				{"channelAddressIdentifier": "%s", "consentStatus": "OptedOut"}""".formatted(
				fixture.partnerA().address())), 400, 10020);
		// 10069: a history import names no channel address
		assertRefused(call("POST", "/api/v1/conversationHistory", fixture.partnerA(), """
				{"conversationParticipants": [], "conversationEntries": []}""", "AuthorizationContextType",
				"ConversationChannelDefinition"), 400, 10069);
	}

	@Test
	void whenTheMethodIsNotTheEndpointsThenItIs405WithCode405() {
		assertRefused(call("PUT", "/api/v1/interactions", fixture.partnerA(), "{}"), 405, 405);
	}

	private String agentReplies(String conversation, String text) {
		HttpResponse<String> sent = admin("POST", "/admin/api/conversations/" + conversation + "/messages", """
				{"senderUserId": "%s", "text": "%s"}""".formatted(AGENT, text));
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
		return json(sent).get("identifier").asString();
	}

	private static String deliveryFailed(String fieldName, String failedEntry, String endUser) {
		return """
				{"id": "%s", "entryType": "MessageDeliveryFailed", "%s": "%s", "errorCode": "500",
				 "recipient": {"appType": "custom", "subject": "%s", "role": "EndUser"}}"""
			.formatted(uuid(), fieldName, failedEntry, endUser);
	}

	private String multipart(String endUser, String entryId) {
		return "--x\r\nContent-Disposition: form-data; name=\"json\"\r\nContent-Type: application/json\r\n\r\n"
				+ """
						{"to": "%s", "from": "%s", "interactions": [{"timestamp": 1, "interactionType":
						 "EntryInteraction", "payload": %s}]}""".formatted(fixture.partnerA().address(), endUser,
						textMessage(entryId, "hello"))
				+ "\r\n--x--\r\n";
	}

}
