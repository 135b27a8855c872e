package org.byoc.interaction.agent;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.LegacySubscription;
import org.byoc.interaction.support.LegacySubscription.LegacyEvent;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every entry type the agent side adds, caused on a channel that publishes the legacy (deprecated) structure, as a
 * legacy subscriber reads it: the ConversationEntry itself in the payload field, the channel address and the
 * recipient (the end user) in fields of their own, no event type; the entry the same as in the current structure.
 */
class LegacyStructureEntriesTest extends AgentEntriesTestBase {

	@Test
	void whenEachNewEntryIsCausedOnALegacyChannelThenTheLegacySubscriberReceivesItInTheLegacyStructure() {
		PartnerFixture.App channel = fixture.legacyA();
		registerProgressIndicators(channel);
		String endUser = newEndUser();
		Written hello = endUserWrites(channel, endUser, "Bonjour");
		String conversation = hello.conversationIdentifier();
		agentJoins(conversation, AGENT);
		act(conversation, "read", 200, "{\"userId\": \"" + AGENT + "\"}");
		act(conversation, "notes", 201, "{\"senderUserId\": \"" + AGENT + "\", \"text\": \"Speaks French\"}");
		act(conversation, "flag", 201, "{\"senderUserId\": \"" + AGENT + "\", \"operation\": \"raise\"}");
		act(conversation, "flag", 201, "{\"senderUserId\": \"" + AGENT + "\", \"operation\": \"lower\"}");
		String consult = act(conversation, "consult", 201, """
				{"senderUserId": "%s", "consultedUserId": "%s"}""".formatted(AGENT, AGENT_B))
			.get("consultConversationIdentifier").asString();
		act(conversation, "progress", 201, "{\"senderUserId\": \"" + AGENT + "\", \"text\": \"Un instant\"}");
		String attachment = uploadAndLose(conversation, "facture.pdf");
		String undelivered = act(conversation, "messages", 201, """
				{"senderUserId": "%s", "attachmentIds": ["%s"]}""".formatted(AGENT, attachment))
			.get("identifier").asString();
		Written stop = endUserWrites(channel, endUser, "ARRET");
		act(conversation, "consent", 200, "{\"userId\": \"" + AGENT + "\", \"consentStatus\": \"OptIn\"}");

		List<String> expected = List.of("ParticipantChanged", "DeliveryAcknowledgement", "ReadAcknowledgement", "Note",
				"FlagRaise", "FlagLower", "ConsultConversationInfo", "ProgressIndicator", "MessageDeliveryFailed",
				"DeliveryAcknowledgement", "Message", "EndUserConsentUpdated", "EndUserConsentUpdated");
		List<LegacyEvent> events;
		try (LegacySubscription legacy = legacySubscription()) {
			events = legacy.await(endUser, expected.size(), WAIT);
		}
		assertThat(events).extracting(LegacyEvent::entryType).containsExactlyElementsOf(expected);
		for (LegacyEvent event : events) {
			assertThat(event.hasEventTypeField()).isFalse();
			assertThat(event.channelAddressIdentifier()).isEqualTo(channel.address());
			assertThat(event.recipient().toString()).isEqualTo(endUserJson(endUser));
			assertThat(event.entry().propertyNames()).contains("identifier", "entryType", "entryPayload", "sender",
					"transcriptedTimestamp", "clientTimestamp", "clientDuration");
			assertThat(event.entry().has("conversationIdentifier")).isFalse();
			assertThat(event.entry().get("identifier").asString())
				.isEqualTo(event.entryPayload().get("id").asString());
		}
		assertThat(events.get(1).entryPayload().get("acknowledgedConversationEntryIdentifier").asString())
			.isEqualTo(hello.entryId());
		assertThat(events.get(2).entryPayload().get("acknowledgedConversationEntryIdentifier").asString())
			.isEqualTo(hello.entryId());
		assertThat(events.get(3).entry().at("/recipients/hidden/0/identifier").asString()).isEqualTo(AGENT);
		assertThat(events.get(3).entry().at("/recipients/primary").isEmpty()).isTrue();
		assertThat(events.get(6).entryPayload().get("conversationIdentifier").asString()).isEqualTo(consult);
		assertThat(events.get(7).entryPayload().at("/progressIndicator/progressMessage/text").asString())
			.isEqualTo("Un instant");
		assertThat(events.get(8).entryPayload().get("failedConversationEntryIdentifier").asString())
			.isEqualTo(undelivered);
		assertThat(events.get(9).entryPayload().get("acknowledgedConversationEntryIdentifier").asString())
			.isEqualTo(stop.entryId());
		JsonNode confirmation = events.get(10).entryPayload();
		assertThat(confirmation.get("messageReason").asString()).isEqualTo("Consent");
		assertThat(confirmation.at("/abstractMessage/staticContent/text").asString())
			.startsWith("Vous ne recevrez plus de messages");
		JsonNode optOut = events.get(11).entryPayload();
		assertThat(optOut.get("consentStatus").asString()).isEqualTo("OptOut");
		assertThat(optOut.get("isEndUserInitiated").asBoolean()).isTrue();
		assertThat(optOut.get("initiatingConversationEntryIdentifier").asString()).isEqualTo(stop.entryId());
		assertThat(optOut.get("confirmationConversationEntryIdentifier").asString())
			.isEqualTo(confirmation.get("id").asString());
		JsonNode optIn = events.get(12).entryPayload();
		assertThat(optIn.get("consentStatus").asString()).isEqualTo("OptIn");
		assertThat(optIn.get("isEndUserInitiated").asBoolean()).isFalse();
		assertThat(events.get(12).entry().get("sender").toString()).isEqualTo(agentJson(AGENT));
	}

}
