package org.byoc.interaction.conversation;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.byoc.interaction.conversation.message.Message;
import org.byoc.interaction.conversation.message.TypingStartedIndicator;
import org.byoc.interaction.support.PartnerFixture;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/conversationHistory} over HTTP (contract §B8, check 57 and the rules 10039–10078): a bot
 * transcript imported before hand-off, in client-timestamp order with its original senders, and every refusal
 * leaving nothing behind.
 */
class ConversationHistoryApiTest extends ConversationApiTestBase {

	static final String BOT = "{\"appType\": \"chatbot\", \"subject\": \"faq-bot\", \"role\": \"Chatbot\"}";

	@Test
	void whenHistoryIsImportedNewestFirstThenTheTranscriptIsInClientTimestampOrderWithTheOriginalSenders() {
		String endUser = newEndUser();
		String user = endUserParticipant(endUser);
		String participants = participant(user, minutesAgo(60), null, "Pat") + ", "
				+ participant(BOT, minutesAgo(60), null, "FAQ Bot");
		String newer = uuid();
		String newest = uuid();
		HttpResponse<String> first = importHistory(fixture.partnerA().address(), participants,
				entry(minutesAgo(10), user, textMessage(newer, "I want to return my order")) + ", "
						+ entry(minutesAgo(9), BOT, textMessage(newest, "Let me get you an agent")), null);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
		JsonNode answer = json(first);
		assertThat(answer.get("success").asBoolean()).isTrue();
		String conversation = answer.get("conversationIdentifier").asString();
		String session = answer.get("messagingSessionId").asString();

		String oldest = uuid();
		String older = uuid();
		HttpResponse<String> second = importHistory(fixture.partnerA().address(), participants,
				entry(minutesAgo(30), BOT, textMessage(oldest, "Hi, I am the FAQ bot")) + ", "
						+ entry(minutesAgo(20), user, textMessage(older, "hello")), null);
		assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
		assertThat(json(second).get("conversationIdentifier").asString()).isEqualTo(conversation);
		assertThat(json(second).get("messagingSessionId").asString()).isEqualTo(session);

		List<TranscriptEntry> transcript = this.conversations.transcript(conversation);
		assertThat(transcript).extracting(TranscriptEntry::entryId).containsExactly(oldest, older, newer, newest);
		assertThat(transcript).extracting((e) -> e.sender().role())
			.containsExactly("Chatbot", "EndUser", "EndUser", "Chatbot");
		assertThat(transcript.get(0).sender().subject()).isEqualTo("faq-bot");
		assertThat(transcript.get(0).senderDisplayName()).isEqualTo("FAQ Bot");
		assertThat(transcript.get(1).sender().subject()).isEqualTo(endUser);
		assertThat(transcript).extracting(TranscriptEntry::messagingSessionId).containsOnly(session);

		// an end user's later message follows the imported ones; a retried import adds nothing
		endUserWrites(fixture.partnerA(), endUser, uuid(), "are you there?");
		assertThat(importHistory(fixture.partnerA().address(), participants,
				entry(minutesAgo(30), BOT, textMessage(oldest, "Hi, I am the FAQ bot")), null).statusCode())
			.isEqualTo(202);
		assertThat(this.conversations.transcript(conversation)).hasSize(5)
			.last()
			.satisfies((e) -> assertThat(e.sender().role()).isEqualTo("EndUser"));
	}

	@Test
	void whenAnEndedSessionIsEstablishedThenItKeepsItsTimesAndLaterImportsCanAttachToIt() {
		String endUser = newEndUser();
		String user = endUserParticipant(endUser);
		String participants = participant(user, minutesAgo(60), null, null) + ", "
				+ participant(BOT, minutesAgo(60), minutesAgo(5), null);
		long start = minutesAgo(60);
		long end = minutesAgo(5);
		HttpResponse<String> established = importHistory(fixture.partnerA().address(), participants,
				entry(minutesAgo(50), user, textMessage(uuid(), "hi")), """
						{"messagingSessionRequestType": "EstablishMessagingSession",
						 "payload": {"startTime": %d, "endTime": %d}}""".formatted(start, end));
		assertThat(established.statusCode()).as(established.body()).isEqualTo(202);
		String sessionId = json(established).get("messagingSessionId").asString();
		MessagingSession session = this.conversations.session(sessionId).orElseThrow();
		assertThat(session.status()).isEqualTo(MessagingSession.Status.Ended);
		assertThat(session.startedAt().toEpochMilli()).isEqualTo(start);
		assertThat(session.endedAt().toEpochMilli()).isEqualTo(end);

		HttpResponse<String> attached = importHistory(fixture.partnerA().address(), participants,
				entry(minutesAgo(40), BOT, textMessage(uuid(), "hello from the bot")), """
						{"messagingSessionRequestType": "AttachMessagingSession", "payload": {"sessionId": "%s"}}"""
					.formatted(sessionId));
		assertThat(attached.statusCode()).as(attached.body()).isEqualTo(202);
		assertThat(json(attached).get("messagingSessionId").asString()).isEqualTo(sessionId);
		assertThat(this.conversations.transcript(json(attached).get("conversationIdentifier").asString()))
			.extracting(TranscriptEntry::messagingSessionId)
			.containsExactly(sessionId, sessionId);
	}

	@Test
	void whenTheParticipantsBreakARuleThenItsCodeAndNothingIsStored() {
		String endUser = newEndUser();
		String user = endUserParticipant(endUser);
		String hello = entry(minutesAgo(5), user, textMessage(uuid(), "hello"));
		String other = endUserParticipant(newEndUser());
		String agent = "{\"appType\": \"agent\", \"subject\": \"0055g00000AAgtA\", \"role\": \"Agent\"}";
		assertRefused(importHistory(participant(user, minutesAgo(60), null, null) + ", "
				+ participant(other, minutesAgo(60), null, null), hello), 400, 10044);
		assertRefused(importHistory(participant(BOT, minutesAgo(60), null, null),
				entry(minutesAgo(5), BOT, textMessage(uuid(), "hi"))), 400, 10042);
		assertRefused(importHistory(participant(user, minutesAgo(60), null, null) + ", "
				+ participant(agent, minutesAgo(60), null, null), hello), 400, 10043);
		assertRefused(importHistory(participant(user, minutesAgo(60), minutesAgo(1), null), hello), 400, 10065);
		assertRefused(importHistory(participant(user, minutesAgo(60), null, null) + ", "
				+ participant(BOT, minutesAgo(10), minutesAgo(20), null), hello), 400, 10067);
		assertRefused(importHistory(participant(user, minutesAgo(60), null, null) + ", "
				+ participant(user, minutesAgo(50), null, null), hello), 400, 10101);
		assertRefused(importHistory("", hello), 400, 10039);
		String four = participant(user, minutesAgo(60), null, null) + ", " + participant(BOT, minutesAgo(60), null, null)
				+ ", " + participant(BOT.replace("faq-bot", "bot-2"), minutesAgo(60), null, null) + ", "
				+ participant(BOT.replace("faq-bot", "bot-3"), minutesAgo(60), null, null);
		assertRefused(importHistory(four, hello), 400, 10078);
		assertRefused(importHistory(participant(user.replace("custom", "robot"), minutesAgo(60), null, null), hello),
				400, 10037);
		assertRefused(importHistory(participant(user.replace("EndUser", "Customer"), minutesAgo(60), null, null),
				hello), 400, 10038);
		assertNothingStored(endUser);
	}

	@Test
	void whenTheEntriesBreakARuleThenItsCodeAndNothingIsStored() {
		String endUser = newEndUser();
		String user = endUserParticipant(endUser);
		String participants = participant(user, minutesAgo(60), null, null) + ", "
				+ participant(BOT, minutesAgo(30), minutesAgo(20), null);
		String valid = entry(minutesAgo(5), user, textMessage(uuid(), "hello"));
		assertRefused(importHistory(participants, valid + ", " + entry(minutesAgo(25 * 60), user,
				textMessage(uuid(), "yesterday"))), 400, 10046);
		assertRefused(importHistory(participants, valid + ", " + entry(minutesAgo(5),
				BOT.replace("faq-bot", "stranger"), textMessage(uuid(), "who am I"))), 400, 10068);
		assertRefused(importHistory(participants, valid + ", " + entry(minutesAgo(10), BOT,
				textMessage(uuid(), "after leaving"))), 400, 10074);
		String id = uuid();
		assertRefused(importHistory(participants, entry(minutesAgo(6), user, textMessage(id, "one")) + ", "
				+ entry(minutesAgo(5), user, textMessage(id, "two"))), 409, 10073);
		String choices = """
				{"entryType": "Message", "id": "%s", "abstractMessage": {"messageType": "ChoicesMessage", "id": "%s",
				 "choices": {"formatType": "Buttons", "text": "Pick", "optionItems": [{"itemType": "TitleOptionItem",
				 "optionIdentifier": "1", "titleItem": {"itemType": "TitleItem", "title": "One"}}]}}}""";
		String choicesId = uuid();
		assertRefused(importHistory(participants, entry(minutesAgo(5), user, choices.formatted(choicesId,
				choicesId))), 400, 10062);
		assertRefused(importHistory(participants, entry(minutesAgo(5), user, textMessage(uuid(), "x")
			.replaceFirst("\"id\": \"[^\"]+\"", "\"id\": \"other\""))), 400, 10060);
		assertRefused(importHistory(participants, entry(minutesAgo(5), user, """
				{"entryType": "TypingStartedIndicator", "id": "%s", "timestamp": 1}""".formatted(uuid()))), 400, 10045);
		StringBuilder many = new StringBuilder(valid);
		for (int i = 0; i < 25; i++) {
			many.append(", ").append(entry(minutesAgo(4), user, textMessage(uuid(), "again")));
		}
		assertRefused(importHistory(participants, many.toString()), 400, 10078);
		assertNothingStored(endUser);

		// a bot may send choices: the same message is fine from the Chatbot
		String botChoices = uuid();
		HttpResponse<String> accepted = importHistory(participants,
				entry(minutesAgo(25), BOT, choices.formatted(botChoices, botChoices)));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
	}

	@Test
	void whenTheSessionParameterIsInvalidThenItsCodeAndNothingIsStored() {
		String endUser = newEndUser();
		String user = endUserParticipant(endUser);
		String participants = participant(user, minutesAgo(60), null, null) + ", "
				+ participant(BOT, minutesAgo(60), null, null);
		String hello = entry(minutesAgo(5), user, textMessage(uuid(), "hello"));
		String address = fixture.partnerA().address();
		assertRefused(importHistory(address, participants, hello, """
				{"messagingSessionRequestType": "EstablishMessagingSession", "payload": {"startTime": 0}}"""), 400, 10061);
		assertRefused(importHistory(address, participants, hello, """
				{"messagingSessionRequestType": "EstablishMessagingSession", "payload": {"startTime": %d,
				 "endTime": %d}}""".formatted(minutesAgo(10), minutesAgo(20))), 400, 10064);
		assertRefused(importHistory(address, participants, hello, """
				{"messagingSessionRequestType": "EstablishMessagingSession", "payload": {"startTime": %d,
				 "endTime": %d}}""".formatted(minutesAgo(60), minutesAgo(1))), 400, 10066);
		assertRefused(importHistory(address, participants, hello, """
				{"messagingSessionRequestType": "AttachMessagingSession", "payload": {"sessionId": "nope"}}"""), 400,
				10072);
		assertRefused(importHistory(address, participants, hello, """
				{"messagingSessionRequestType": "AttachMessagingSession", "payload": {"sessionId": "0MwAAAAAAAAAAAA"}}"""),
				400, 10071);
		assertRefused(importHistory(address, participants, hello, """
				{"messagingSessionRequestType": "JoinMessagingSession", "payload": {}}"""), 400, 10078);
		assertNothingStored(endUser);
	}

	@Test
	void whenTheHeadersOrAddressAreWrongThenItsCode() {
		String endUser = newEndUser();
		String user = endUserParticipant(endUser);
		String body = body(fixture.partnerA().address(), participant(user, minutesAgo(60), null, null),
				entry(minutesAgo(5), user, textMessage(uuid(), "hello")), null);
		assertRefused(call("POST", "/api/v1/conversationHistory", fixture.partnerA(), body,
				"AuthorizationContextType", "Foo"), 400, 10093);
		assertRefused(call("POST", "/api/v1/conversationHistory", fixture.partnerA(), body), 400, 10016);
		assertRefused(call("POST", "/api/v1/conversationHistory", fixture.botA(), body, "AuthorizationContextType",
				BOT_CONTEXT_TYPE), 400, 10093);
		assertRefused(importHistory(fixture.reportingA().address(), participant(user, minutesAgo(60), null, null),
				entry(minutesAgo(5), user, textMessage(uuid(), "hello")), null), 403, 10001);
		assertRefused(importHistory("no-such-address", participant(user, minutesAgo(60), null, null),
				entry(minutesAgo(5), user, textMessage(uuid(), "hello")), null), 400, 10017);
		assertNothingStored(endUser);

		HttpResponse<String> upperCase = call("POST", "/api/v1/conversationHistory", fixture.partnerA(), body,
				"AuthorizationContextType", "CONVERSATIONCHANNELDEFINITION");
		assertThat(upperCase.statusCode()).as(upperCase.body()).isEqualTo(202);
	}

	@Test
	void whenTheOrgIsNotAContactCenterOrgThen10057() {
		PartnerFixture.App orgC = fixture.partnerC();
		String endUser = newEndUser();
		String user = endUserParticipant(endUser);
		HttpResponse<String> refused = call("POST", "/api/v1/conversationHistory", orgC,
				body(orgC.address(), participant(user, minutesAgo(60), null, null),
						entry(minutesAgo(5), user, textMessage(uuid(), "hello")), null),
				"AuthorizationContextType", "ConversationChannelDefinition");
		assertRefused(refused, 400, 10057);
		assertThat(this.conversations.find(PartnerFixture.ORG_C_ID, orgC.address(), endUser)).isEmpty();
	}

	private void assertNothingStored(String endUser) {
		assertThat(this.conversations.find(PartnerFixture.ORG_A_ID, fixture.partnerA().address(), endUser)).isEmpty();
	}

	private HttpResponse<String> importHistory(String participants, String entries) {
		return importHistory(fixture.partnerA().address(), participants, entries, null);
	}

	private HttpResponse<String> importHistory(String address, String participants, String entries, String session) {
		return call("POST", "/api/v1/conversationHistory", fixture.partnerA(),
				body(address, participants, entries, session), "AuthorizationContextType",
				"ConversationChannelDefinition");
	}

	private static String body(String address, String participants, String entries, String session) {
		return """
				{"channelAddressIdentifier": "%s", "conversationParticipants": [%s], "conversationEntries": [%s]%s}"""
			.formatted(address, participants, entries, (session != null) ? ", \"messagingSession\": " + session : "");
	}

	private static String endUserParticipant(String subject) {
		return "{\"appType\": \"custom\", \"subject\": \"" + subject + "\", \"role\": \"EndUser\"}";
	}

	private static String participant(String participant, long joined, Long left, String displayName) {
		return "{\"participant\": " + participant + ", \"joinedTime\": " + joined
				+ ((left != null) ? ", \"leftTime\": " + left : "")
				+ ((displayName != null) ? ", \"displayName\": \"" + displayName + "\"" : "") + "}";
	}

	private static String entry(long clientTimestamp, String sender, String payload) {
		return "{\"clientTimestamp\": " + clientTimestamp + ", \"sender\": " + sender + ", \"entryPayload\": " + payload
				+ "}";
	}

}
