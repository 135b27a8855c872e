package org.byoc.interaction.conversation;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerSubscription;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bring-your-own-bot conversation from end to end, as the partner's and the bot's middleware see it: a
 * third-party bot's transcript is imported, the external bot joins, writes, the end user answers, the bot reads the
 * conversation back in order, and leaves. The bot joins and leaves through the admin participants call, standing in
 * for PATCH /api/v1/agentWork (Chatbot Accept / Close) until that endpoint exists.
 */
class BotHandOffEndToEndTest extends ConversationApiTestBase {

	@Test
	void whenHistoryIsImportedAndABotTakesOverThenEveryStepIsInTheTranscriptAndReachesThePartner() {
		String endUser = newEndUser();
		String user = "{\"appType\": \"custom\", \"subject\": \"" + endUser + "\", \"role\": \"EndUser\"}";
		String faqBot = "{\"appType\": \"chatbot\", \"subject\": \"faq-bot\", \"role\": \"Chatbot\"}";
		String question = uuid();
		String faqAnswer = uuid();
		HttpResponse<String> imported = call("POST", "/api/v1/conversationHistory", fixture.partnerA(), """
				{"channelAddressIdentifier": "%s",
				 "conversationParticipants": [
				   {"participant": %s, "joinedTime": %d},
				   {"participant": %s, "joinedTime": %d, "leftTime": %d, "displayName": "FAQ Bot"}],
				 "conversationEntries": [
				   {"clientTimestamp": %d, "sender": %s, "entryPayload": %s},
				   {"clientTimestamp": %d, "sender": %s, "entryPayload": %s}]}"""
			.formatted(fixture.partnerA().address(), user, minutesAgo(30), faqBot, minutesAgo(30), minutesAgo(5),
					minutesAgo(10), faqBot, textMessage(faqAnswer, "I cannot answer that, handing over"),
					minutesAgo(20), user, textMessage(question, "Where is my parcel?")),
				"AuthorizationContextType", "ConversationChannelDefinition");
		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(202);
		String conversation = json(imported).get("conversationIdentifier").asString();

		HttpResponse<String> joined = admin("POST", "/admin/api/conversations/" + conversation + "/participants", """
				{"botId": "%s", "operation": "add"}""".formatted(PartnerFixture.BOT_A));
		assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);

		String botMessage = uuid();
		HttpResponse<String> sent = botCall("POST", "/api/v1/conversationEntry", """
				{"conversationIdentifier": "%s", "sender": {"appType": "chatbot", "subject": "%s", "role": "Chatbot"},
				 "conversationEntries": [{"clientTimestamp": %d, "entryPayload": %s}]}""".formatted(conversation,
				PartnerFixture.BOT_A, System.currentTimeMillis(), textMessage(botMessage, "Your parcel arrives today")));
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);

		String reply = uuid();
		assertThat(endUserWrites(fixture.partnerA(), endUser, reply, "Thanks!")).isEqualTo(conversation);

		HttpResponse<String> read = botCall("GET", "/api/v1/conversationEntry", """
				{"conversationIdentifier": "%s", "startTime": 1, "limit": 20, "direction": "FROM_START"}"""
			.formatted(conversation));
		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		List<JsonNode> entries = json(read).get("conversationEntries").valueStream().toList();
		assertThat(entries).extracting((e) -> e.at("/entryPayload/entryType").asString())
			.containsExactly("Message", "Message", "ParticipantChanged", "Message", "Message");
		assertThat(entries.get(0).at("/entryPayload/id").asString()).isEqualTo(question);
		assertThat(entries.get(1).at("/entryPayload/id").asString()).isEqualTo(faqAnswer);
		assertThat(entries.get(1).at("/sender/subject").asString()).isEqualTo("faq-bot");
		assertThat(entries.get(2).at("/entryPayload/entries/0/participant/subject").asString())
			.isEqualTo(PartnerFixture.BOT_A);
		assertThat(entries.get(3).at("/entryPayload/id").asString()).isEqualTo(botMessage);
		assertThat(entries.get(3).at("/sender/role").asString()).isEqualTo("Chatbot");
		assertThat(entries.get(4).at("/entryPayload/id").asString()).isEqualTo(reply);
		assertThat(entries.get(4).at("/sender/subject").asString()).isEqualTo(endUser);
		assertThat(entries.get(3).get("clientTimestamp").asLong()).isPositive();

		HttpResponse<String> left = admin("POST", "/admin/api/conversations/" + conversation + "/participants", """
				{"botId": "%s", "operation": "remove"}""".formatted(PartnerFixture.BOT_A));
		assertThat(left.statusCode()).as(left.body()).isEqualTo(201);

		try (PartnerSubscription subscription = subscribe()) {
			List<OutboundEvent> events = subscription.await(conversation, 3, Duration.ofSeconds(10));
			assertThat(events).extracting(OutboundEvent::entryType)
				.containsExactly("ParticipantChanged", "Message", "ParticipantChanged");
			assertThat(events.get(0).entryPayload().at("/entries/0/operation").asString()).isEqualTo("add");
			assertThat(events.get(1).payload().at("/payload/identifier").asString()).isEqualTo(botMessage);
			assertThat(events.get(2).entryPayload().at("/entries/0/operation").asString()).isEqualTo("remove");
			assertThat(events).allSatisfy((e) -> assertThat(e.payload().at("/recipient/subject").asString())
				.isEqualTo(endUser));
		}
		JsonNode view = json(admin("GET", "/admin/api/conversations/" + conversation, null));
		assertThat(view.get("participants")).isEmpty();
		assertThat(view.get("entries")).hasSize(6);
	}

}
