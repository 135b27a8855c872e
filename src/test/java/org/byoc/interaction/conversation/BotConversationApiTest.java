package org.byoc.interaction.conversation;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.byoc.interaction.conversation.message.Message;
import org.byoc.interaction.conversation.message.MessageDeliveryFailed;
import org.byoc.interaction.conversation.message.TypingStartedIndicator;
import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;
import org.byoc.interaction.support.PartnerSubscription;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bring-your-own-bot over HTTP (contract §B12, §B13, §B16, check 61): the bot's messages, typing and files reach the
 * end user's side as Interaction events, its reads are bounded, and every bot, integration and conversation rule
 * has its code.
 */
class BotConversationApiTest extends ConversationApiTestBase {

	static final String BOT = PartnerFixture.BOT_A;

	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

	@Test
	void whenGetParametersAreOutOfRangeThenTheirCodes() {
		String conversation = conversationWithBot();
		assertRefused(read(conversation, "\"startTime\": 0"), 400, 10090);
		assertRefused(read(conversation, "\"limit\": 5"), 400, 10090);
		assertRefused(read(conversation, "\"startTime\": 2000, \"endTime\": 1000"), 400, 10091);
		assertRefused(read(conversation, "\"startTime\": 1, \"limit\": 0"), 400, 10092);
		assertRefused(read(conversation, "\"startTime\": 1, \"limit\": 1000"), 400, 10092);
		assertRefused(read(conversation, "\"startTime\": 1, \"direction\": \"SIDEWAYS\""), 400, 10089);
		assertRefused(botCall("GET", "/api/v1/conversationEntry?conversationIdentifier=" + conversation
				+ "&startTime=0", null), 400, 10090);
		assertRefused(botCall("GET", "/api/v1/conversationEntry?conversationIdentifier=" + conversation
				+ "&startTime=5&endTime=5", null), 400, 10091);
		assertRefused(botCall("GET", "/api/v1/conversationEntry?conversationIdentifier=" + conversation
				+ "&startTime=1&limit=21", null), 400, 10092);
	}

	@Test
	void whenEntriesAreReadThenLimitDirectionAndWindowApply() {
		String conversation = conversationWithBot();
		for (int i = 1; i <= 3; i++) {
			assertThat(botSends(conversation, BOT, textMessage(uuid(), "bot message " + i)).statusCode()).isEqualTo(202);
		}
		List<TranscriptEntry> transcript = this.conversations.transcript(conversation);
		assertThat(transcript).hasSize(5);
		JsonNode all = json(read(conversation, "\"startTime\": 1"));
		assertThat(all.get("success").asBoolean()).isTrue();
		assertThat(all.get("conversationEntries")).hasSize(5);
		assertThat(all.at("/conversationEntries/0/sender/role").asString()).isEqualTo("EndUser");
		assertThat(all.at("/conversationEntries/1/entryPayload/entryType").asString()).isEqualTo("ParticipantChanged");
		assertThat(all.at("/conversationEntries/4/entryPayload/abstractMessage/staticContent/text").asString())
			.isEqualTo("bot message 3");

		JsonNode lastTwo = json(read(conversation, "\"startTime\": 1, \"limit\": 2, \"direction\": \"FROM_END\""));
		assertThat(lastTwo.get("conversationEntries")).extracting((e) -> e.at("/entryPayload/id").asString())
			.containsExactly(transcript.get(4).entryId(), transcript.get(3).entryId());
		long from = transcript.get(2).transcriptedTimestamp();
		JsonNode window = json(botCall("GET", "/api/v1/conversationEntry?conversationIdentifier=" + conversation
				+ "&startTime=" + from + "&limit=20", null));
		assertThat(window.get("conversationEntries").size()).isBetween(1, 3);
		assertThat(window.at("/conversationEntries/0/entryPayload/id").asString())
			.isIn(transcript.get(2).entryId(), transcript.get(1).entryId());
	}

	@Test
	void whenTwoEntriesArePostedThenTheCallIsRefusedAndNothingIsRecorded() {
		String conversation = conversationWithBot();
		int before = this.conversations.transcript(conversation).size();
		String entry = entry(System.currentTimeMillis(), textMessage(uuid(), "one"));
		assertRefused(botCall("POST", "/api/v1/conversationEntry", request(conversation, BOT,
				entry + ", " + entry(System.currentTimeMillis(), textMessage(uuid(), "two")))), 400, 10089);
		assertRefused(botCall("POST", "/api/v1/conversationEntry", request(conversation, BOT, "")), 400, 10089);
		assertThat(this.conversations.transcript(conversation)).hasSize(before);
	}

	@Test
	void whenTheBotSendsChoicesThenTheEndUserSideReceivesThemFromTheBot() {
		String conversation = conversationWithBot();
		String id = uuid();
		String choices = """
				{"entryType": "Message", "id": "%s", "abstractMessage": {"messageType": "ChoicesMessage", "id": "%s",
				 "choices": {"formatType": "Buttons", "text": "Track or return?", "optionItems": [
				  {"itemType": "TitleOptionItem", "optionIdentifier": "track", "titleItem": {"itemType": "TitleItem", "title": "Track"}},
				  {"itemType": "TitleOptionItem", "optionIdentifier": "return", "titleItem": {"itemType": "TitleItem", "title": "Return"}}]}}}"""
			.formatted(id, id);
		HttpResponse<String> sent = botSends(conversation, BOT, choices);
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
		assertThat(json(sent).get("success").asBoolean()).isTrue();
		// a retry records and publishes nothing more
		assertThat(botSends(conversation, BOT, choices).statusCode()).isEqualTo(202);

		try (PartnerSubscription subscription = subscribe()) {
			List<OutboundEvent> events = subscription.await(conversation, 2, Duration.ofSeconds(10));
			assertThat(events).extracting(OutboundEvent::entryType).containsExactly("ParticipantChanged", "Message");
			JsonNode entry = events.get(1).payload().get("payload");
			assertThat(entry.get("identifier").asString()).isEqualTo(id);
			assertThat(entry.get("sender").toString())
				.isEqualTo("{\"appType\":\"chatbot\",\"subject\":\"" + BOT + "\",\"role\":\"Chatbot\"}");
			assertThat(entry.get("senderDisplayName").asString()).isEqualTo("Order Bot");
			assertThat(entry.at("/entryPayload/abstractMessage/choices/optionItems/1/optionIdentifier").asString())
				.isEqualTo("return");
			assertThat(events.get(1).payload().at("/recipient/role").asString()).isEqualTo("EndUser");
		}
		assertThat(this.conversations.transcript(conversation)).extracting(TranscriptEntry::entryType)
			.containsExactly("Message", "ParticipantChanged", "Message");
	}

	@Test
	void whenTheBotTypesThenTypingReachesTheEndUserSideAndTheTranscriptStaysAsItWas() {
		String conversation = conversationWithBot();
		assertThat(botSends(conversation, BOT, """
				{"entryType": "TypingStartedIndicator", "id": "%s", "timestamp": %d}""".formatted(uuid(),
				System.currentTimeMillis())).statusCode()).isEqualTo(202);
		try (PartnerSubscription subscription = subscribe()) {
			OutboundEvent typing = subscription.await(conversation, 2, Duration.ofSeconds(10)).get(1);
			assertThat(typing.entryType()).isEqualTo("TypingStartedIndicator");
			assertThat(typing.payload().at("/payload/sender/role").asString()).isEqualTo("Chatbot");
		}
		assertThat(this.conversations.transcript(conversation)).extracting(TranscriptEntry::entryType)
			.containsExactly("Message", "ParticipantChanged");
	}

	@Test
	void whenTheBotSendsAnInvalidEntryThenItsCodeAndNothingIsRecorded() {
		String conversation = conversationWithBot();
		String id = uuid();
		assertRefused(botSends(conversation, BOT, """
				{"entryType": "Message", "id": "%s", "abstractMessage": {"messageType": "ChoicesResponseMessage",
				 "id": "%s", "choicesResponse": {"formatType": "Selections", "selectedOptions": [{"optionIdentifier": "1"}]}}}"""
			.formatted(id, id)), 400, 10047);
		assertRefused(botSends(conversation, BOT, textMessage(id, "x").replace("\"Text\"", "\"Buttons\"")), 400, 10049);
		assertRefused(botSends(conversation, BOT, textMessage(id, "x").replace("\"Text\"", "\"Bogus\"")), 400, 10048);
		assertRefused(botSends(conversation, BOT, textMessage(id, "x").replaceFirst(id, uuid())), 400, 10060);
		assertRefused(botSends(conversation, BOT, """
				{"entryType": "MessageDeliveryFailed", "id": "%s"}""".formatted(id)), 400, 10045);
		assertRefused(botCall("POST", "/api/v1/conversationEntry", request(conversation, BOT,
				entry(minutesAgo(25 * 60), textMessage(id, "late")))), 400, 10046);
		assertThat(this.conversations.transcript(conversation)).hasSize(2);
	}

	@Test
	void whenTheBotOrItsIntegrationMayNotWriteThenItsCode() {
		String conversation = conversationWithBot();
		String message = textMessage(uuid(), "hello");
		assertRefused(botSends(uuid(), BOT, message), 400, 10018);
		assertRefused(botSends(conversation, "0Xx5g000009None", message), 400, 10086);
		assertRefused(botSends(conversation, PartnerFixture.SECOND_BOT_A, message), 403, 10087);
		assertRefused(botSends(conversation, PartnerFixture.INACTIVE_BOT_A, message), 400, 10088);
		String other = endUserWrites(fixture.partnerA(), newEndUser(), uuid(), "no bot here");
		assertRefused(botSends(other, BOT, message), 400, 10036);
		assertRefused(call("POST", "/api/v1/conversationEntry", fixture.botA()
			.onChannel(PartnerFixture.SECOND_BOT_INTEGRATION_A, fixture.partnerA().address()), request(conversation,
					PartnerFixture.SECOND_BOT_A, entry(System.currentTimeMillis(), message)), "AuthorizationContextType",
				BOT_CONTEXT_TYPE), 400, 10070);
		assertRefused(call("POST", "/api/v1/conversationEntry", fixture.partnerA(), request(conversation, BOT,
				entry(System.currentTimeMillis(), message)), "AuthorizationContextType", "ConversationChannelDefinition"),
				400, 10093);
		assertRefused(botCall("POST", "/api/v1/conversationEntry", request(conversation, BOT,
				entry(System.currentTimeMillis(), message)).replace("\"Chatbot\"", "\"Agent\"")), 400, 10038);
		assertThat(admin("POST", "/admin/api/conversations/" + conversation + "/participants", """
				{"botId": "%s", "operation": "add"}""".formatted(PartnerFixture.INACTIVE_BOT_A)).statusCode())
			.isEqualTo(400);
		assertThat(this.conversations.transcript(conversation)).hasSize(2);
		assertThat(this.conversations.transcript(other)).hasSize(1);
	}

	@Test
	void whenTheBotUploadsAFileThenTheEndUserSideGetsAnAttachmentsMessageWithAWorkingLink() throws Exception {
		String conversation = conversationWithBot();
		String id = uuid();
		HttpResponse<String> accepted = upload(conversation, id, PNG.length, PNG);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

		TranscriptEntry entry = this.conversations.transcript(conversation).get(2);
		assertThat(entry.entryId()).isEqualTo(id);
		assertThat(entry.attachmentId()).isNotNull();
		assertThat(entry.sender().subject()).isEqualTo(BOT);
		try (PartnerSubscription subscription = subscribe()) {
			OutboundEvent event = subscription.await(conversation, 2, Duration.ofSeconds(10)).get(1);
			JsonNode content = event.entryPayload().at("/abstractMessage/staticContent");
			assertThat(content.get("formatType").asString()).isEqualTo("Attachments");
			JsonNode file = content.get("attachments").get(0);
			assertThat(file.get("mimeType").asString()).isEqualTo("image/png");
			assertThat(file.get("name").asString()).isEqualTo("label.png");
			HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(file.get("url").asString()))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(download.body()).isEqualTo(PNG);
		}
	}

	@Test
	void whenTheUploadBreaksAFileRuleThenItsCodeAndNothingIsRecorded() {
		String conversation = conversationWithBot();
		assertRefused(upload(conversation, uuid(), PNG.length + 1, PNG), 400, 10051);
		assertRefused(upload(conversation, uuid(), PNG.length, new byte[0]), 400, 10009);
		assertRefused(upload(conversation, uuid(), 4, "abcd".getBytes()), 400, 10095);
		assertRefused(botMultipart("/api/v1/attachment", fixture.botA(), Multipart.of()
			.field("postAttachmentRequestJson", "application/json", uploadJson(conversation, uuid(), PNG.length)
				.getBytes())), 400, 10011);
		assertRefused(botMultipart("/api/v1/attachment", fixture.botA(), Multipart.of()
			.field("postAttachmentRequestJson", "application/json", uploadJson(conversation, "", PNG.length).getBytes())
			.file("attachments", "label.png", "image/png", PNG)), 400, 10007);
		assertRefused(botMultipart("/api/v1/attachment", fixture.botA(), Multipart.of()
			.field("postAttachmentRequestJson", "application/json",
					uploadJson(conversation, uuid(), PNG.length).replace(", \"contentLength\": " + PNG.length, "")
						.getBytes())
			.file("attachments", "label.png", "image/png", PNG)), 400, 10010);
		assertRefused(botMultipart("/api/v1/attachment", fixture.botA(), Multipart.of()
			.file("attachments", "label.png", "image/png", PNG)), 400, 10100);
		assertThat(this.conversations.transcript(conversation)).hasSize(2);
	}

	@Test
	void whenTheBotLeavesThenItMayNoLongerWrite() {
		String conversation = conversationWithBot();
		HttpResponse<String> left = admin("POST", "/admin/api/conversations/" + conversation + "/participants", """
				{"botId": "%s", "operation": "remove"}""".formatted(BOT));
		assertThat(left.statusCode()).as(left.body()).isEqualTo(201);
		assertRefused(botSends(conversation, BOT, textMessage(uuid(), "still here?")), 400, 10036);
		assertRefused(admin("POST", "/admin/api/conversations/" + conversation + "/participants", """
				{"botId": "%s", "operation": "remove"}""".formatted(BOT)), 400, 10036);
		assertThat(this.conversations.transcript(conversation)).extracting(TranscriptEntry::entryType)
			.containsExactly("Message", "ParticipantChanged", "ParticipantChanged");
	}

	@Test
	void whenTheEndUserOptedOutThenTheBotsMessagesAndFilesAreRefusedWith15103() {
		String conversation = conversationWithBot();
		HttpResponse<String> optedOut = admin("POST", "/admin/api/conversations/" + conversation + "/consent", """
				{"userId": "%s", "consentStatus": "OptOut"}""".formatted(PartnerFixture.AGENT_A_ID));
		assertThat(optedOut.statusCode()).as(optedOut.body()).isEqualTo(200);

		assertRefused(botSends(conversation, BOT, textMessage(uuid(), "One more offer?")), 400, 15103);
		assertRefused(upload(conversation, uuid(), PNG.length, PNG), 400, 15103);
		assertThat(this.conversations.transcript(conversation)).extracting(TranscriptEntry::entryType)
			.containsExactly("Message", "ParticipantChanged", "EndUserConsentUpdated");
	}

	/** An end user writes on org A's main channel, then the bot joins through the admin API. */
	private String conversationWithBot() {
		String conversation = endUserWrites(fixture.partnerA(), newEndUser(), uuid(), "I need help");
		HttpResponse<String> joined = admin("POST", "/admin/api/conversations/" + conversation + "/participants", """
				{"botId": "%s", "operation": "add"}""".formatted(BOT));
		assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
		assertThat(json(joined).get("changed").asBoolean()).isTrue();
		return conversation;
	}

	private HttpResponse<String> botSends(String conversation, String botId, String payload) {
		return botCall("POST", "/api/v1/conversationEntry",
				request(conversation, botId, entry(System.currentTimeMillis(), payload)));
	}

	private HttpResponse<String> read(String conversation, String parameters) {
		return botCall("GET", "/api/v1/conversationEntry", """
				{"conversationIdentifier": "%s", %s}""".formatted(conversation, parameters));
	}

	private HttpResponse<String> upload(String conversation, String id, long contentLength, byte[] file) {
		return botMultipart("/api/v1/attachment", fixture.botA(), Multipart.of()
			.field("postAttachmentRequestJson", "application/json", uploadJson(conversation, id, contentLength).getBytes())
			.file("attachments", "label.png", "image/png", file));
	}

	private static String uploadJson(String conversation, String id, long contentLength) {
		return """
				{"conversationIdentifier": "%s", "sender": {"subject": "%s"}, "conversationEntries": [{"clientTimestamp":
				 %d, "id": "%s", "attachmentIndex": 0, "contentLength": %d}]}""".formatted(conversation, BOT,
				System.currentTimeMillis(), id, contentLength);
	}

	private static String request(String conversation, String botId, String entries) {
		return """
				{"conversationIdentifier": "%s", "sender": {"appType": "chatbot", "subject": "%s", "role": "Chatbot"},
				 "conversationEntries": [%s]}""".formatted(conversation, botId, entries);
	}

	private static String entry(long clientTimestamp, String payload) {
		return "{\"clientTimestamp\": " + clientTimestamp + ", \"entryPayload\": " + payload + "}";
	}

}
