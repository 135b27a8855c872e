package org.byoc.interaction.conversation;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.byoc.interaction.conversation.inbound.EntryInteraction;
import org.byoc.interaction.conversation.message.Message;
import org.byoc.interaction.conversation.message.MessageDeliveryFailed;
import org.byoc.interaction.conversation.message.TypingStartedIndicator;
import org.byoc.interaction.support.Multipart;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/v1/interactions through HTTP: contract checks §F 9–22, 28, 29 with the state they leave. */
class InteractionsApiTest extends InteractionsApiTestBase {

	@Test
	void whenAFirstTextMessageArrivesThenConversationSessionAndEndUserAreCreated() {
		String from = newEndUser();
		String entryId = uuid();
		HttpResponse<String> response = postJson(envelope(partner().address(), from, textMessage(entryId, "Hi there")));

		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode body = json(response);
		assertThat(body.get("success").asBoolean()).isTrue();
		assertThat(body.get("id").asString()).isEqualTo(entryId);
		String conversationIdentifier = body.get("conversationIdentifier").asString();
		String workItemId = body.get("workItemIds").get(0).asString();
		assertThat(workItemId).hasSize(15).startsWith("0Mw");

		Conversation conversation = this.conversations.find(partner().orgId(), conversationIdentifier).orElseThrow();
		assertThat(conversation.endUserClientId()).isEqualTo(from);
		assertThat(conversation.endUserId()).startsWith("0PA");
		assertThat(conversation.currentSessionId()).isEqualTo(workItemId);
		assertThat(this.conversations.session(workItemId).orElseThrow().status())
			.isEqualTo(MessagingSession.Status.Active);
		List<TranscriptEntry> transcript = this.conversations.transcript(conversationIdentifier);
		assertThat(transcript).singleElement().satisfies((entry) -> {
			assertThat(entry.entryId()).isEqualTo(entryId);
			assertThat(entry.entryType()).isEqualTo("Message");
			assertThat(entry.sender().appType()).isEqualTo("custom");
			assertThat(entry.sender().subject()).isEqualTo(from);
			assertThat(entry.sender().role()).isEqualTo("EndUser");
			assertThat(entry.clientTimestamp()).isEqualTo(1688190840000L);
			assertThat(entry.transcriptedTimestamp()).isGreaterThan(entry.clientTimestamp());
			assertThat(json.readTree(entry.payloadJson()).at("/abstractMessage/staticContent/text").asString())
				.isEqualTo("Hi there");
		});
		assertThat(response.headers().firstValue("RequestId")).isPresent();
	}

	@Test
	void whenTheRequestHasTwoJsonPartsThenTheFirstCountsAsWithTheVendorsRequestPart() {
		String from = newEndUser();
		Multipart body = Multipart.of()
			.json(envelope(partner().address(), from, textMessage(uuid(), "the first json part")))
			.field("json", "application/json", "{\"to\": not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		HttpResponse<String> response = post(partner(), body);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(this.conversations.transcript(json(response).get("conversationIdentifier").asString()))
			.singleElement()
			.satisfies((entry) -> assertThat(json.readTree(entry.payloadJson())
				.at("/abstractMessage/staticContent/text")
				.asString()).isEqualTo("the first json part"));
	}

	@Test
	void whenASecondMessageArrivesThenTheSameConversationAndWorkItemAreAnswered() {
		String from = newEndUser();
		JsonNode first = json(postJson(envelope(partner().address(), from, textMessage(uuid(), "one"))));
		JsonNode second = json(postJson(envelope(partner().address(), from, textMessage(uuid(), "two"))));
		assertThat(second.get("conversationIdentifier")).isEqualTo(first.get("conversationIdentifier"));
		assertThat(second.get("workItemIds")).isEqualTo(first.get("workItemIds"));
		assertThat(this.conversations.transcript(first.get("conversationIdentifier").asString())).hasSize(2);
	}

	@Test
	void whenTypingStartsAndStopsThenItIsConversationStateAndNotATranscriptEntry() {
		String from = newEndUser();
		String id = uuid();
		HttpResponse<String> started = postJson(envelope(partner().address(), from, typing("TypingStartedIndicator", id)));
		assertThat(started.statusCode()).isEqualTo(202);
		assertThat(json(started).get("id").asString()).isEqualTo(id);
		String conversationIdentifier = json(started).get("conversationIdentifier").asString();
		assertThat(this.conversations.find(partner().orgId(), conversationIdentifier).orElseThrow().endUserTyping())
			.isTrue();

		assertThat(postJson(envelope(partner().address(), from, typing("TypingStoppedIndicator", uuid()))).statusCode())
			.isEqualTo(202);
		assertThat(this.conversations.find(partner().orgId(), conversationIdentifier).orElseThrow().endUserTyping())
			.isFalse();
		assertThat(this.conversations.transcript(conversationIdentifier)).isEmpty();
	}

	@Test
	void whenTypingHasNoTimestampThenItIsRefused() {
		String interaction = """
				{"timestamp": 1688190840000, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "TypingStartedIndicator"}}""".formatted(uuid());
		assertRefused(postJson(envelope(partner().address(), newEndUser(), interaction)), 400, 10089);
	}

	@Test
	void whenDeliveryFailsThenTheFailureIsRecordedAgainstTheFailedEntry() {
		String from = newEndUser();
		String failedEntry = uuid();
		String conversationIdentifier = json(
				postJson(envelope(partner().address(), from, textMessage(failedEntry, "to be failed"))))
			.get("conversationIdentifier")
			.asString();
		HttpResponse<String> response = postJson(envelope(partner().address(), from, deliveryFailed(failedEntry,
				"""
						{"appType": "custom", "subject": "%s", "role": "EndUser"}""".formatted(from))));
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(this.conversations.transcript(conversationIdentifier)).satisfiesExactly(
				(entry) -> assertThat(entry.deliveryErrorCode()).isEqualTo("500"),
				(entry) -> assertThat(entry.entryType()).isEqualTo("MessageDeliveryFailed"));
	}

	@Test
	void whenTheDeliveryFailureLacksErrorCodeOrRecipientThenItIsRefused() {
		String recipient = """
				{"appType": "custom", "subject": "u", "role": "EndUser"}""";
		String noErrorCode = deliveryFailed(uuid(), recipient).replace(", \"errorCode\": \"500\"", "");
		String noRecipient = deliveryFailed(uuid(), recipient).replace("\"recipient\": " + recipient + ", ", "");
		assertThat(noErrorCode).doesNotContain("errorCode");
		assertThat(noRecipient).doesNotContain("recipient");
		assertRefused(postJson(envelope(partner().address(), newEndUser(), noErrorCode)), 400, 10089);
		assertRefused(postJson(envelope(partner().address(), newEndUser(), noRecipient)), 400, 10089);
	}

	@ParameterizedTest(name = "recipient {0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			{"appType": "agent", "subject": "u", "role": "EndUser"}  | 10037
			{"appType": "custom", "subject": "u", "role": "Agent"}   | 10038
			""")
	void whenTheDeliveryFailureRecipientIsNotTheEndUserThenItIsRefused(String recipient, int code) {
		assertRefused(postJson(envelope(partner().address(), newEndUser(), deliveryFailed(uuid(), recipient))), 400,
				code);
	}

	@ParameterizedTest(name = "{2}")
	@CsvSource(delimiter = '|', textBlock = """
			"id": "A", "staticContent": {"formatType": "Text", "text": "x"}       | 10060 | payload id differs from message id
			"staticContent": {"formatType": "Text", "text": "x"}                  | 10059 | no message id
			"id": "$ID", "staticContent": {"formatType": "Buttons", "text": "x"}  | 10049 | Buttons is not static content
			"id": "$ID", "staticContent": {"formatType": "Bogus", "text": "x"}    | 10048 | unknown format
			""")
	void whenTheMessageBreaksARuleThenItIsRefusedWithItsCode(String members, int code, String name) {
		String id = uuid();
		String interaction = """
				{"timestamp": 1688190840000, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "Message",
				   "abstractMessage": {"messageType": "StaticContentMessage", %s}}}""".formatted(id,
				members.replace("$ID", id));
		assertRefused(postJson(envelope(partner().address(), newEndUser(), interaction)), 400, code);
	}

	@Test
	void whenAnEndUserSendsAChoicesMessageThenItIsRefusedButAChoicesResponseIsAccepted() {
		String id = uuid();
		String choices = """
				{"timestamp": 1, "interactionType": "EntryInteraction", "payload": {"id": "%s", "entryType": "Message",
				 "abstractMessage": {"messageType": "ChoicesMessage", "id": "%s",
				   "choices": {"formatType": "Buttons", "optionItems": []}}}}""".formatted(id, id);
		assertRefused(postJson(envelope(partner().address(), newEndUser(), choices)), 400, 10062);

		String response = """
				{"timestamp": 1, "interactionType": "EntryInteraction", "payload": {"id": "%s", "entryType": "Message",
				 "abstractMessage": {"messageType": "ChoicesResponseMessage", "id": "%s",
				   "inReplyToMessageId": "a133c185-73a7-4adf-b6d9-b7fd62babb4e",
				   "choicesResponse": {"formatType": "Selections", "selectedOptions":
				     [{"optionIdentifier": "opt-1", "optionTitle": {"itemType": "TitleItem", "title": "Yes"}}]}}}}"""
			.formatted(id, id);
		assertThat(postJson(envelope(partner().address(), newEndUser(), response)).statusCode()).isEqualTo(202);
	}

	@Test
	void whenTheInteractionListIsEmptyOrHasTwoThenItIsRefused() {
		assertRefused(postJson("""
				{"to": "%s", "from": "%s", "interactions": []}""".formatted(partner().address(), newEndUser())), 400,
				20003);
		String two = textMessage(uuid(), "a") + "," + textMessage(uuid(), "b");
		assertRefused(postJson(envelope(partner().address(), newEndUser(), two)), 400, 10029);
	}

	@Test
	void whenTheChannelAddressIsUnknownInactiveOrOfAnotherChannelThenItIsRefused() {
		String message = textMessage(uuid(), "x");
		assertRefused(postJson(envelope("b0ffeafe-0000-0000-0000-000000000000", newEndUser(), message)), 400, 10017);
		assertRefused(postJson(envelope(partner().inactiveAddress(), newEndUser(), message)), 400, 10031);
		assertRefused(postJson(envelope(fixture.reportingA().address(), newEndUser(), message)), 403, 10001);
		// org B's address does not exist for org A: never another tenant's data
		assertRefused(postJson(envelope(fixture.partnerB().address(), newEndUser(), message)), 400, 10017);
	}

	@Test
	void whenToOrFromIsTooLongThenItIsRefused() {
		String message = textMessage(uuid(), "x");
		assertRefused(postJson(envelope("a".repeat(241), newEndUser(), message)), 400, 10027);
		assertRefused(postJson(envelope(partner().address(), "f".repeat(256), message)), 400, 10028);
	}

	@Test
	void whenARoutingAttributeIsLongerThanItsChannelVariableThenItIsRefused() {
		String tooLong = """
				{"to": "%s", "from": "%s", "routingAttributes": {"orderNumber": "12345678901"}, "interactions": [%s]}"""
			.formatted(partner().address(), newEndUser(), textMessage(uuid(), "x"));
		assertRefused(postJson(tooLong), 400, 10096);
		String fits = tooLong.replace("12345678901", "1234567890");
		assertThat(postJson(fits).statusCode()).isEqualTo(202);
	}

	@Test
	void whenTheJsonPartIsMissingOrNotJsonThenItIsRefused() {
		assertRefused(post(partner(), Multipart.of().field("other", "text/plain", "x".getBytes())), 400, 10100);
		assertRefused(postJson("{not json"), 400, 10089);
		HttpResponse<String> notMultipart = send(apiRequest("/api/v1/interactions", partner(), token(partner()))
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
			.build());
		assertRefused(notMultipart, 400, 10100);
	}

	@Test
	void whenTheBodyIsChunkedAndTheJsonPartHasNoContentTypeThenItIsAccepted() {
		Multipart body = Multipart.of()
			.field("json", null, envelope(partner().address(), newEndUser(), textMessage(uuid(), "chunked")).getBytes());
		HttpResponse<String> response = send(apiRequest("/api/v1/interactions", partner(), token(partner()))
			.header("Content-Type", body.contentType())
			.POST(body.chunkedPublisher())
			.build());
		assertThat(response.statusCode()).isEqualTo(202);
	}

	static String deliveryFailed(String failedEntry, String recipient) {
		return """
				{"timestamp": 1688190840000, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "MessageDeliveryFailed",
				   "failedConversationEntryIdentifier": "%s", "recipient": %s, "errorCode": "500"}}"""
			.formatted(uuid(), failedEntry, recipient);
	}

	static void assertRefused(HttpResponse<String> response, int status, int code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("code").asInt()).as(response.body()).isEqualTo(code);
		assertThat(body.get("message").asString()).isNotBlank();
	}

}
