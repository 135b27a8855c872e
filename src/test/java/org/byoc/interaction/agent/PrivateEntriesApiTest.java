package org.byoc.interaction.agent;

import java.net.http.HttpRequest;
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
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What agents write for each other (notes, flags, consults), progress indicators and the service's own
 * MessageDeliveryFailed, each caused through the admin API and compared field by field with what the partner's
 * subscriber receives (contract §D.4–§D.5).
 */
class PrivateEntriesApiTest extends AgentEntriesTestBase {

	static final String AGENT_A_RECIPIENT = "{\"identifier\":\"0055g00000AAgtA\",\"displayName\":\"Agent A\","
			+ "\"contact\":\"agent@a.example\"}";

	static final String AGENT_B_RECIPIENT = "{\"identifier\":\"0055g00000AAgtB\",\"displayName\":\"Agent B\","
			+ "\"contact\":\"agentb@a.example\"}";

	@Autowired
	Conversations conversations;

	@Test
	void whenAnAgentWritesANoteThenThePartnerGetsItForTheAgentsOnlyAndARetryChangesNothing() {
		String endUser = newEndUser();
		String conversation = endUserWrites(fixture.partnerA(), endUser, "I want a refund").conversationIdentifier();
		agentJoins(conversation, AGENT_B);
		String id = uuid();
		String body = """
				{"senderUserId": "%s", "text": "Customer is a VIP", "id": "%s"}""".formatted(AGENT, id);

		JsonNode sent = act(conversation, "notes", 201, body);
		OutboundEvent note = events(conversation, 1, "Note").get(0);
		assertThat(note.eventId()).isEqualTo(sent.get("eventId").asString());
		assertEnvelope(note, conversation, fixture.partnerA(), endUser);
		JsonNode entry = note.payload().get("payload");
		assertThat(entry.get("identifier").asString()).isEqualTo(id);
		assertThat(entry.get("sender").toString()).isEqualTo(agentJson(AGENT));
		assertThat(entry.get("senderDisplayName").asString()).isEqualTo("Agent A");
		assertThat(entry.get("recipients").toString())
			.isEqualTo("{\"primary\":[],\"secondary\":[],\"hidden\":[" + AGENT_A_RECIPIENT + "," + AGENT_B_RECIPIENT
					+ "]}");
		assertThat(entry.get("entryPayload").toString()).isEqualTo("{\"entryType\":\"Note\",\"id\":\"" + id
				+ "\",\"abstractMessage\":{\"id\":\"" + id + "\",\"messageType\":\"StaticContentMessage\","
				+ "\"staticContent\":{\"formatType\":\"Text\",\"text\":\"Customer is a VIP\"}}}");

		JsonNode retried = act(conversation, "notes", 201, body);
		assertThat(retried.get("identifier").asString()).isEqualTo(id);
		assertThat(retried.has("eventId")).isFalse();
		assertRefused(admin("POST", "/admin/api/conversations/" + conversation + "/notes", """
				{"senderUserId": "%s", "text": "something else", "id": "%s"}""".formatted(AGENT, id)), 409, 10073);
		assertRefused(admin("POST", "/admin/api/conversations/" + conversation + "/notes", """
				{"senderUserId": "%s", "text": " "}""".formatted(AGENT)), 400, 10089);
		assertRefused(admin("POST", "/admin/api/conversations/" + conversation + "/notes", """
				{"text": "who?"}"""), 400, 10089);
		assertThat(settled(conversation)).filteredOn((e) -> "Note".equals(e.entryType())).hasSize(1);
		assertThat(this.conversations.transcript(conversation)).extracting(TranscriptEntry::entryType)
			.containsExactly("Message", "ParticipantChanged", "Note");
		assertThat(botReads(conversation)).containsExactly("Message", "ParticipantChanged");
	}

	@Test
	void whenRaisesRaceThenTheFlagIsRaisedOnceAndTheOthersAreRefused() throws Exception {
		String conversation = endUserWrites(fixture.partnerA(), newEndUser(), "Help, quickly").conversationIdentifier();
		List<Callable<HttpResponse<String>>> raises = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			raises.add(() -> admin("POST", "/admin/api/conversations/" + conversation + "/flag", """
					{"senderUserId": "%s", "operation": "raise"}""".formatted(AGENT)));
		}
		ExecutorService pool = Executors.newFixedThreadPool(raises.size());
		List<Integer> statuses = new ArrayList<>();
		try {
			for (Future<HttpResponse<String>> raise : pool.invokeAll(raises)) {
				HttpResponse<String> response = raise.get();
				statuses.add(response.statusCode());
				if (response.statusCode() != 201) {
					assertThat(json(response).get("code").asInt()).as(response.body()).isEqualTo(10089);
				}
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(statuses).containsOnlyOnce(201);
		assertThat(this.conversations.transcript(conversation)).filteredOn((e) -> "FlagRaise".equals(e.entryType()))
			.hasSize(1);
	}

	@Test
	void whenTheFlagIsRaisedAndLoweredThenEachIsReportedOnceAndTheFlagKeepsItsState() {
		String endUser = newEndUser();
		String conversation = endUserWrites(fixture.partnerA(), endUser, "This is unacceptable")
			.conversationIdentifier();
		String flag = "/admin/api/conversations/" + conversation + "/flag";

		act(conversation, "flag", 201, """
				{"senderUserId": "%s", "operation": "raise", "text": "Please take over"}""".formatted(AGENT));
		assertRefused(admin("POST", flag, """
				{"senderUserId": "%s", "operation": "raise"}""".formatted(AGENT)), 400, 10089);
		assertRefused(admin("POST", flag, """
				{"senderUserId": "%s", "operation": "lower", "text": "no"}""".formatted(AGENT)), 400, 10089);
		assertRefused(admin("POST", flag, """
				{"senderUserId": "%s", "operation": "wave"}""".formatted(AGENT)), 400, 10089);
		act(conversation, "flag", 201, """
				{"senderUserId": "%s", "operation": "lower"}""".formatted(AGENT_B));
		assertRefused(admin("POST", flag, """
				{"senderUserId": "%s", "operation": "lower"}""".formatted(AGENT)), 400, 10089);
		act(conversation, "flag", 201, """
				{"senderUserId": "%s", "operation": "raise"}""".formatted(AGENT));

		List<OutboundEvent> flags = events(conversation, 3, "FlagRaise", "FlagLower");
		assertThat(flags).extracting(OutboundEvent::entryType).containsExactly("FlagRaise", "FlagLower", "FlagRaise");
		for (OutboundEvent event : flags) {
			assertEnvelope(event, conversation, fixture.partnerA(), endUser);
		}
		JsonNode raised = flags.get(0).payload().get("payload");
		String id = raised.get("identifier").asString();
		assertThat(raised.get("entryPayload").toString()).isEqualTo("{\"entryType\":\"FlagRaise\",\"id\":\"" + id
				+ "\",\"abstractMessage\":{\"id\":\"" + id + "\",\"messageType\":\"StaticContentMessage\","
				+ "\"staticContent\":{\"formatType\":\"Text\",\"text\":\"Please take over\"}}}");
		assertThat(raised.get("recipients").toString())
			.isEqualTo("{\"primary\":[],\"secondary\":[],\"hidden\":[" + AGENT_A_RECIPIENT + "]}");
		JsonNode lowered = flags.get(1).payload().get("payload");
		assertThat(lowered.get("entryPayload").toString()).isEqualTo(
				"{\"entryType\":\"FlagLower\",\"id\":\"" + lowered.get("identifier").asString() + "\"}");
		assertThat(lowered.get("sender").toString()).isEqualTo(agentJson(AGENT_B));
		assertThat(lowered.get("recipients").toString())
			.isEqualTo("{\"primary\":[],\"secondary\":[],\"hidden\":[" + AGENT_B_RECIPIENT + "]}");
		assertThat(flags.get(2).entryPayload().has("abstractMessage")).isFalse();
		assertThat(settled(conversation)).filteredOn((e) -> e.entryType().startsWith("Flag")).hasSize(3);
	}

	@Test
	void whenAnAgentConsultsAnotherThenAConsultConversationExistsAndTheEventNamesIt() {
		String endUser = newEndUser();
		String conversation = endUserWrites(fixture.partnerA(), endUser, "Can I change my plan?")
			.conversationIdentifier();
		String id = uuid();
		String body = """
				{"senderUserId": "%s", "consultedUserId": "%s", "text": "Which plans can he switch to?", "id": "%s"}"""
			.formatted(AGENT, AGENT_B, id);

		JsonNode opened = act(conversation, "consult", 201, body);
		String consult = opened.get("consultConversationIdentifier").asString();
		assertThat(consult).isNotEqualTo(conversation).hasSize(36);
		assertThat(opened.get("status").asString()).isEqualTo("Open");
		OutboundEvent info = events(conversation, 1, "ConsultConversationInfo").get(0);
		assertThat(info.eventId()).isEqualTo(opened.get("eventId").asString());
		assertEnvelope(info, conversation, fixture.partnerA(), endUser);
		JsonNode entry = info.payload().get("payload");
		assertThat(entry.get("identifier").asString()).isEqualTo(id);
		assertThat(entry.get("sender").toString()).isEqualTo(agentJson(AGENT));
		assertThat(entry.get("recipients").toString())
			.isEqualTo("{\"primary\":[],\"secondary\":[],\"hidden\":[" + AGENT_A_RECIPIENT + "," + AGENT_B_RECIPIENT
					+ "]}");
		JsonNode payload = entry.get("entryPayload");
		assertThat(payload.propertyNames()).containsExactly("entryType", "id", "conversationIdentifier", "timestamp");
		assertThat(payload.get("conversationIdentifier").asString()).isEqualTo(consult);
		assertThat(payload.get("timestamp").asLong()).isEqualTo(opened.get("createdAt").asLong());

		// the consult is a conversation of its own between the two agents
		String path = "/admin/api/consults/" + consult;
		HttpResponse<String> answered = admin("POST", path + "/messages", """
				{"senderUserId": "%s", "text": "Gold or Platinum"}""".formatted(AGENT_B));
		assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
		JsonNode view = json(admin("GET", path, null));
		assertThat(view.get("conversationIdentifier").asString()).isEqualTo(conversation);
		assertThat(view.get("requestedBy").asString()).isEqualTo(AGENT);
		assertThat(view.get("consultedUserId").asString()).isEqualTo(AGENT_B);
		assertThat(view.get("messages")).extracting((m) -> m.get("senderUserId").asString() + ": " + m.get("text").asString())
			.containsExactly(AGENT + ": Which plans can he switch to?", AGENT_B + ": Gold or Platinum");
		assertRefused(admin("POST", path + "/messages", """
				{"senderUserId": "%s", "text": "me too"}""".formatted(PartnerFixture.USER_INTEGRATION_A)), 400, 10036);
		assertThat(json(admin("POST", path + "/end", """
				{"userId": "%s"}""".formatted(AGENT))).get("status").asString()).isEqualTo("Ended");
		assertRefused(admin("POST", path + "/messages", """
				{"senderUserId": "%s", "text": "one more thing"}""".formatted(AGENT_B)), 400, 10089);

		JsonNode retried = act(conversation, "consult", 201, body);
		assertThat(retried.get("consultConversationIdentifier").asString()).isEqualTo(consult);
		assertThat(retried.get("eventId").isNull()).isTrue();
		assertRefused(admin("POST", "/admin/api/conversations/" + conversation + "/consult", """
				{"senderUserId": "%s", "consultedUserId": "%s"}""".formatted(AGENT, AGENT)), 400, 10089);
		assertRefused(admin("POST", "/admin/api/conversations/" + conversation + "/consult", """
				{"senderUserId": "%s", "consultedUserId": "0055g00000BIntB"}""".formatted(AGENT)), 400, 15106);
		assertRefused(admin("POST", "/admin/api/conversations/" + conversation + "/consult", """
				{"senderUserId": "%s"}""".formatted(AGENT)), 400, 10089);
		assertRefused(admin("GET", "/admin/api/consults/" + uuid(), null), 400, 10089);
		assertThat(settled(conversation)).filteredOn((e) -> "ConsultConversationInfo".equals(e.entryType())).hasSize(1);
		assertThat(botReads(conversation)).containsExactly("Message");
	}

	@Test
	void whenTheChannelRegisteredProgressIndicatorsThenTheAgentsProgressReachesThePartner() {
		PartnerFixture.App channel = fixture.consentA();
		registerProgressIndicators(channel);
		String endUser = newEndUser();
		String conversation = endUserWrites(channel, endUser, "Where is my parcel?").conversationIdentifier();

		JsonNode sent = act(conversation, "progress", 201, """
				{"senderUserId": "%s", "text": "Looking up your order…"}""".formatted(AGENT));
		OutboundEvent progress = events(conversation, 1, "ProgressIndicator").get(0);
		assertThat(progress.eventId()).isEqualTo(sent.get("eventId").asString());
		assertEnvelope(progress, conversation, channel, endUser);
		JsonNode entry = progress.payload().get("payload");
		assertThat(entry.get("sender").toString()).isEqualTo(agentJson(AGENT));
		assertThat(entry.has("recipients")).isFalse();
		JsonNode indicator = entry.at("/entryPayload/progressIndicator");
		assertThat(entry.get("entryPayload").propertyNames()).containsExactly("entryType", "id", "progressIndicator");
		assertThat(indicator.get("indicatorType").asString()).isEqualTo("ProgressUpdateIndicator");
		assertThat(indicator.get("timestamp").asLong()).isPositive();
		assertThat(indicator.get("progressMessage").toString())
			.isEqualTo("{\"formatType\":\"Text\",\"text\":\"Looking up your order…\"}");
		assertThat(this.conversations.transcript(conversation)).extracting(TranscriptEntry::entryType)
			.containsExactly("Message");

		assertRefused(admin("POST", "/admin/api/conversations/" + conversation + "/progress", """
				{"senderUserId": "%s", "text": "%s"}""".formatted(AGENT, "x".repeat(256))), 400, 10089);
		String other = endUserWrites(fixture.partnerA(), newEndUser(), "no progress here").conversationIdentifier();
		assertRefused(admin("POST", "/admin/api/conversations/" + other + "/progress", """
				{"senderUserId": "%s", "text": "Working on it"}""".formatted(AGENT)), 400, 10098);
		assertThat(settled(other)).noneMatch((e) -> "ProgressIndicator".equals(e.entryType()));
	}

	@Test
	void whenABotTakingPartShowsProgressThenThePartnerGetsItFromTheBot() {
		PartnerFixture.App channel = fixture.capabilitiesA();
		registerProgressIndicators(channel);
		String endUser = newEndUser();
		String conversation = endUserWrites(channel, endUser, "Track my parcel").conversationIdentifier();
		String path = "/admin/api/conversations/" + conversation + "/progress";
		String body = """
				{"botId": "%s", "text": "Asking the carrier"}""".formatted(PartnerFixture.BOT_A);

		assertRefused(admin("POST", path, body), 400, 10036);
		assertRefused(admin("POST", path, """
				{"botId": "0Xx5g000009None", "text": "Asking the carrier"}"""), 400, 10086);
		act(conversation, "participants", 201, """
				{"botId": "%s", "operation": "add"}""".formatted(PartnerFixture.BOT_A));
		JsonNode sent = act(conversation, "progress", 201, body);

		OutboundEvent progress = events(conversation, 1, "ProgressIndicator").get(0);
		assertThat(progress.eventId()).isEqualTo(sent.get("eventId").asString());
		assertEnvelope(progress, conversation, channel, endUser);
		assertThat(progress.payload().at("/payload/sender").toString())
			.isEqualTo("{\"appType\":\"chatbot\",\"subject\":\"" + PartnerFixture.BOT_A + "\",\"role\":\"Chatbot\"}");
		assertThat(progress.payload().at("/payload/senderDisplayName").asString()).isEqualTo("Order Bot");
		assertThat(progress.entryPayload().at("/progressIndicator/progressMessage/text").asString())
			.isEqualTo("Asking the carrier");
		assertThat(settled(conversation)).filteredOn((e) -> "ProgressIndicator".equals(e.entryType())).hasSize(1);
	}

	@Test
	void whenAMessageNamesAFileGoneFromTheStoreThenThePartnerGetsMessageDeliveryFailedInstead() {
		String endUser = newEndUser();
		String conversation = endUserWrites(fixture.partnerA(), endUser, "Send me the invoice").conversationIdentifier();
		String attachment = uploadAndLose(conversation, "invoice.pdf");

		JsonNode sent = act(conversation, "messages", 201, """
				{"senderUserId": "%s", "text": "Here it is", "attachmentIds": ["%s"]}""".formatted(AGENT, attachment));
		assertThat(sent.get("deliveryFailure").asString()).isEqualTo("AttachmentNotFound");
		String message = sent.get("identifier").asString();
		OutboundEvent failed = events(conversation, 1, "MessageDeliveryFailed").get(0);
		assertThat(failed.eventId()).isEqualTo(sent.get("eventId").asString());
		assertEnvelope(failed, conversation, fixture.partnerA(), endUser);
		JsonNode entry = failed.payload().get("payload");
		assertThat(entry.get("sender").toString())
			.isEqualTo("{\"appType\":\"conversation\",\"subject\":\"" + conversation + "\",\"role\":\"System\"}");
		JsonNode payload = entry.get("entryPayload");
		assertThat(payload.propertyNames()).containsExactly("entryType", "id", "recipient", "errorCode",
				"failedConversationEntryIdentifier", "errorMessage");
		assertThat(payload.get("recipient").toString()).isEqualTo(endUserJson(endUser));
		assertThat(payload.get("errorCode").asString()).isEqualTo("AttachmentNotFound");
		assertThat(payload.get("failedConversationEntryIdentifier").asString()).isEqualTo(message);
		assertThat(payload.get("errorMessage").asString()).contains("invoice.pdf").contains("no longer stored");
		// the message itself never went out; the transcript keeps it, marked undelivered
		assertThat(settled(conversation)).noneMatch((e) -> "Message".equals(e.entryType()));
		TranscriptEntry kept = this.conversations.transcript(conversation).get(1);
		assertThat(kept.entryId()).isEqualTo(message);
		assertThat(kept.deliveryErrorCode()).isEqualTo("AttachmentNotFound");
	}

	/** The entry types a bot reading the conversation gets (GET /api/v1/conversationEntry). */
	List<String> botReads(String conversation) {
		HttpResponse<String> read = send(apiRequest("/api/v1/conversationEntry", fixture.botA(), token(fixture.botA()))
			.header("AuthorizationContextType", "ExternalConversationParticipant")
			.header("Content-Type", "application/json")
			.method("GET", HttpRequest.BodyPublishers.ofString("""
					{"conversationIdentifier": "%s", "startTime": 1, "limit": 20}""".formatted(conversation)))
			.build());
		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		return json(read).get("conversationEntries").valueStream()
			.map((e) -> e.at("/entryPayload/entryType").asString())
			.toList();
	}

}
