package org.byoc.interaction.agent;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.routing.consent.ConsentStatus;
import org.byoc.interaction.routing.consent.Consents;
import org.byoc.interaction.setup.ConsentKeywords;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consent the contact center owns: an end user's STOP / START on a keywords channel, and an agent's opt-out and
 * opt-in on any channel, as the partner's subscriber receives them (EndUserConsentUpdated, and the confirmation
 * Message with messageReason Consent); agents' messages to an opted-out end user refused with 15103; one change
 * reported once, under retries and concurrent requests.
 */
class EndUserConsentApiTest extends AgentEntriesTestBase {

	static final List<String> CONSENT = List.of("Message", "EndUserConsentUpdated");

	@Autowired
	Consents consents;

	@Autowired
	Conversations conversations;

	@Test
	void whenAnEndUserSendsStopThenTheyAreOptedOutTheConfirmationIsSentAndThePartnerIsTold() {
		PartnerFixture.App channel = fixture.consentA();
		String endUser = newEndUser();
		String conversation = endUserWrites(channel, endUser, "Hi there").conversationIdentifier();
		Written stop = endUserWrites(channel, endUser, " Stop! ");

		List<OutboundEvent> events = events(conversation, 2, CONSENT.toArray(String[]::new));
		OutboundEvent confirmation = events.get(0);
		assertConfirmation(confirmation, channel, conversation, endUser, ConsentKeywords.DEFAULT_OPT_OUT_REPLY);
		assertConsentUpdated(events.get(1), channel, conversation, endUser, "OptOut", true);
		JsonNode updated = events.get(1).entryPayload();
		assertThat(updated.get("initiatingConversationEntryIdentifier").asString()).isEqualTo(stop.entryId());
		assertThat(updated.get("confirmationConversationEntryIdentifier").asString())
			.isEqualTo(confirmation.entryPayload().get("id").asString());
		assertThat(events.get(1).payload().at("/payload/sender").toString())
			.isEqualTo("{\"appType\":\"conversation\",\"subject\":\"" + conversation + "\",\"role\":\"System\"}");
		assertThat(this.consents.consent(channel.orgId(), channel.address(), endUser)).contains(ConsentStatus.OptedOut);
		assertThat(this.conversations.transcript(conversation)).extracting(TranscriptEntry::entryType)
			.containsExactly("Message", "Message", "Message", "EndUserConsentUpdated");

		// opted out: the agent's messages are refused; a second STOP changes nothing and sends nothing
		assertRefused(admin("POST", "/admin/api/conversations/" + conversation + "/messages", """
				{"senderUserId": "%s", "text": "Are you sure?"}""".formatted(AGENT)), 400, 15103);
		endUserWrites(channel, endUser, "STOP");
		assertThat(settled(conversation)).filteredOn((e) -> CONSENT.contains(e.entryType())).hasSize(2);

		Written start = endUserWrites(channel, endUser, "start");
		List<OutboundEvent> optedIn = events(conversation, 4, CONSENT.toArray(String[]::new));
		assertConfirmation(optedIn.get(2), channel, conversation, endUser, ConsentKeywords.DEFAULT_OPT_IN_REPLY);
		assertConsentUpdated(optedIn.get(3), channel, conversation, endUser, "OptIn", true);
		assertThat(optedIn.get(3).entryPayload().get("initiatingConversationEntryIdentifier").asString())
			.isEqualTo(start.entryId());
		assertThat(this.consents.consent(channel.orgId(), channel.address(), endUser))
			.contains(ConsentStatus.ExplicitlyOptedIn);
		act(conversation, "messages", 201, """
				{"senderUserId": "%s", "text": "Welcome back"}""".formatted(AGENT));
	}

	@Test
	void whenAChannelHasItsOwnKeywordsThenOnlyTheyCountAndOnlyAsTheWholeMessage() {
		PartnerFixture.App channel = fixture.legacyA();
		String endUser = newEndUser();
		String conversation = endUserWrites(channel, endUser, "please arret the noise").conversationIdentifier();
		endUserWrites(channel, endUser, "UNSUBSCRIBE");
		assertThat(this.consents.consent(channel.orgId(), channel.address(), endUser)).isEmpty();

		endUserWrites(channel, endUser, "Arret.");
		assertThat(this.consents.consent(channel.orgId(), channel.address(), endUser)).contains(ConsentStatus.OptedOut);
		List<TranscriptEntry> transcript = this.conversations.transcript(conversation);
		assertThat(transcript).extracting(TranscriptEntry::entryType)
			.containsExactly("Message", "Message", "Message", "Message", "EndUserConsentUpdated");
		assertThat(transcript.get(3).payloadJson()).contains("Vous ne recevrez plus de messages")
			.contains("\"messageReason\":\"Consent\"");
	}

	@Test
	void whenTheChannelDoesNotHandleKeywordsThenStopIsAnOrdinaryMessage() {
		String endUser = newEndUser();
		String conversation = endUserWrites(fixture.partnerA(), endUser, "STOP").conversationIdentifier();
		endUserWrites(fixture.keywordsA(), endUser, "STOP");

		assertThat(this.consents.consent(fixture.partnerA().orgId(), fixture.partnerA().address(), endUser)).isEmpty();
		assertThat(this.consents.consent(fixture.keywordsA().orgId(), fixture.keywordsA().address(), endUser))
			.isEmpty();
		assertThat(settled(conversation)).noneMatch((e) -> CONSENT.contains(e.entryType()));
	}

	@Test
	void whenAnAgentOptsTheEndUserOutAndInThenEachChangeIsReportedOnceAndMessagesFollowIt() {
		String endUser = newEndUser();
		String conversation = endUserWrites(fixture.partnerA(), endUser, "Please stop writing to me")
			.conversationIdentifier();
		String body = """
				{"userId": "%s", "consentStatus": "OptOut"}""".formatted(AGENT);

		JsonNode out = act(conversation, "consent", 200, body);
		assertThat(out.get("changed").asBoolean()).isTrue();
		assertThat(out.get("consentStatus").asString()).isEqualTo("OptOut");
		OutboundEvent event = events(conversation, 1, "EndUserConsentUpdated").get(0);
		assertThat(event.eventId()).isEqualTo(out.get("eventId").asString());
		assertThat(event.payload().at("/payload/identifier").asString()).isEqualTo(out.get("identifier").asString());
		assertConsentUpdated(event, fixture.partnerA(), conversation, endUser, "OptOut", false);
		assertThat(event.entryPayload().has("initiatingConversationEntryIdentifier")).isFalse();
		assertThat(event.entryPayload().has("confirmationConversationEntryIdentifier")).isFalse();
		assertThat(event.payload().at("/payload/sender").toString()).isEqualTo(agentJson(AGENT));
		assertThat(event.payload().at("/payload/senderDisplayName").asString()).isEqualTo("Agent A");

		assertThat(act(conversation, "consent", 200, body).get("changed").asBoolean()).isFalse();
		assertRefused(admin("POST", "/admin/api/conversations/" + conversation + "/messages", """
				{"senderUserId": "%s", "text": "Sorry to see you go"}""".formatted(AGENT_B)), 400, 15103);

		JsonNode in = act(conversation, "consent", 200, """
				{"userId": "%s", "consentStatus": "OptIn"}""".formatted(AGENT_B));
		assertThat(in.get("changed").asBoolean()).isTrue();
		List<OutboundEvent> updates = events(conversation, 2, "EndUserConsentUpdated");
		assertConsentUpdated(updates.get(1), fixture.partnerA(), conversation, endUser, "OptIn", false);
		act(conversation, "messages", 201, """
				{"senderUserId": "%s", "text": "Glad you are back"}""".formatted(AGENT_B));
		assertThat(settled(conversation)).filteredOn((e) -> "EndUserConsentUpdated".equals(e.entryType())).hasSize(2);
	}

	@Test
	void whenManyOptOutsRaceThenOneChangeIsReported() throws Exception {
		PartnerFixture.App channel = fixture.consentA();
		String endUser = newEndUser();
		String conversation = endUserWrites(channel, endUser, "hello").conversationIdentifier();
		List<Callable<Object>> calls = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			calls.add(() -> admin("POST", "/admin/api/conversations/" + conversation + "/consent", """
					{"userId": "%s", "consentStatus": "OptOut"}""".formatted(AGENT)));
			calls.add(() -> endUserWrites(channel, endUser, "STOP"));
		}
		ExecutorService pool = Executors.newFixedThreadPool(12);
		int changed = 0;
		try {
			for (Future<Object> result : pool.invokeAll(calls)) {
				if (result.get() instanceof HttpResponse<?> response) {
					assertThat(response.statusCode()).as(String.valueOf(response.body())).isEqualTo(200);
					changed += json.readTree((String) response.body()).get("changed").asBoolean() ? 1 : 0;
				}
			}
		}
		finally {
			pool.shutdownNow();
		}

		List<OutboundEvent> updates = events(conversation, 1, "EndUserConsentUpdated");
		assertThat(settled(conversation)).filteredOn((e) -> "EndUserConsentUpdated".equals(e.entryType())).hasSize(1);
		boolean byKeyword = updates.get(0).entryPayload().get("isEndUserInitiated").asBoolean();
		assertThat(changed).isEqualTo(byKeyword ? 0 : 1);
		assertThat(settled(conversation)).filteredOn((e) -> "Message".equals(e.entryType())).hasSize(byKeyword ? 1 : 0);
		assertThat(this.consents.consent(channel.orgId(), channel.address(), endUser)).contains(ConsentStatus.OptedOut);
	}

	@Test
	void whenAConsentChangeIsBadThenItIsRefusedAndNothingChanges() {
		String endUser = newEndUser();
		String conversation = endUserWrites(fixture.partnerA(), endUser, "consent?").conversationIdentifier();
		String path = "/admin/api/conversations/" + conversation + "/consent";

		assertRefused(admin("POST", path, "{\"userId\": \"" + AGENT + "\", \"consentStatus\": \"OptedOut\"}"), 400,
				10021);
		assertRefused(admin("POST", path, "{\"userId\": \"" + AGENT + "\"}"), 400, 10021);
		assertRefused(admin("POST", path, "{\"consentStatus\": \"OptOut\"}"), 400, 10089);
		assertRefused(admin("POST", path, "{\"userId\": \"0055g00000BIntB\", \"consentStatus\": \"OptOut\"}"), 400,
				15106);
		assertRefused(admin("POST", path, "{\"userId\": \"" + AGENT + "\", \"consentStatus\": 1}"), 400, 10021);
		assertRefused(admin("POST", path, "[]"), 400, 10089);
		assertRefused(admin("POST", path, null), 400, 10100);
		assertRefused(admin("POST", "/admin/api/conversations/" + uuid() + "/consent",
				"{\"userId\": \"" + AGENT + "\", \"consentStatus\": \"OptOut\"}"), 400, 10018);

		assertThat(this.consents.consent(fixture.partnerA().orgId(), fixture.partnerA().address(), endUser)).isEmpty();
		assertThat(settled(conversation)).noneMatch((e) -> "EndUserConsentUpdated".equals(e.entryType()));
	}

	static void assertConfirmation(OutboundEvent event, PartnerFixture.App channel, String conversation,
			String endUser, String text) {
		assertEnvelope(event, conversation, channel, endUser);
		JsonNode entry = event.payload().get("payload");
		assertThat(entry.get("entryType").asString()).isEqualTo("Message");
		assertThat(entry.get("sender").toString())
			.isEqualTo("{\"appType\":\"conversation\",\"subject\":\"" + conversation + "\",\"role\":\"System\"}");
		String id = entry.get("identifier").asString();
		assertThat(entry.get("entryPayload").toString()).isEqualTo("{\"entryType\":\"Message\",\"id\":\"" + id
				+ "\",\"abstractMessage\":{\"id\":\"" + id + "\",\"messageType\":\"StaticContentMessage\","
				+ "\"staticContent\":{\"formatType\":\"Text\",\"text\":\"" + text + "\"}},\"messageReason\":\"Consent\"}");
	}

	static void assertConsentUpdated(OutboundEvent event, PartnerFixture.App channel, String conversation,
			String endUser, String status, boolean byEndUser) {
		assertEnvelope(event, conversation, channel, endUser);
		assertThat(event.entryType()).isEqualTo("EndUserConsentUpdated");
		JsonNode payload = event.entryPayload();
		assertThat(payload.get("consentStatus").asString()).isEqualTo(status);
		assertThat(payload.get("endUserSubject").asString()).isEqualTo(endUser);
		assertThat(payload.get("isEndUserInitiated").isBoolean()).isTrue();
		assertThat(payload.get("isEndUserInitiated").asBoolean()).isEqualTo(byEndUser);
		assertThat(event.payload().at("/payload/recipients").isMissingNode()).isTrue();
	}

}
