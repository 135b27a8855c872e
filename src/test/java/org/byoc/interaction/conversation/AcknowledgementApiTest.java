package org.byoc.interaction.conversation;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

import org.byoc.interaction.conversation.receipts.Acknowledgements;

/**
 * {@code POST /api/v1/acknowledgement} over HTTP (contract §B9, check 55): the end user's receipts for agent
 * entries, 1 to 25 per call, the latest per entry winning, shown in the admin (console) view.
 */
class AcknowledgementApiTest extends ConversationApiTestBase {

	@Autowired
	Acknowledgements acknowledgements;

	@Test
	void whenTwentyFiveReceiptsAreSentThenSuccessAndEachEntryShowsItsLatest() {
		String endUser = newEndUser();
		String conversation = endUserWrites(fixture.partnerA(), endUser, uuid(), "hi");
		String first = agentReplies(conversation, "Hello");
		String second = agentReplies(conversation, "How can I help?");
		List<String> receipts = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			receipts.add(receipt("Delivered", first, 1000 + i, uuid()));
		}
		receipts.add(receipt("Read", second, "\"2000\"", uuid()));
		HttpResponse<String> response = acknowledge(conversation, endUser, String.join(", ", receipts));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(json(response).get("success").asBoolean()).isTrue();

		var latest = this.acknowledgements.latest(conversation);
		assertThat(latest.get(first).type()).isEqualTo("Delivered");
		assertThat(latest.get(first).timestamp()).isEqualTo(1023);
		assertThat(latest.get(second).type()).isEqualTo("Read");
		assertThat(latest.get(second).timestamp()).isEqualTo(2000);
	}

	@Test
	void whenAnOlderDeliveredArrivesAfterAReadThenTheReadStaysAndTheConsoleShowsIt() {
		String endUser = newEndUser();
		String conversation = endUserWrites(fixture.partnerA(), endUser, uuid(), "hi");
		String reply = agentReplies(conversation, "Hello");
		assertThat(acknowledge(conversation, endUser, receipt("Read", reply, 5000, uuid())).statusCode())
			.isEqualTo(200);
		assertThat(acknowledge(conversation, endUser, receipt("Delivered", reply, 4000, uuid())).statusCode())
			.isEqualTo(200);

		JsonNode view = json(admin("GET", "/admin/api/conversations/" + conversation, null));
		JsonNode entry = null;
		for (JsonNode candidate : view.get("entries")) {
			if (candidate.get("identifier").asString().equals(reply)) {
				entry = candidate;
			}
		}
		assertThat(entry).isNotNull();
		assertThat(entry.at("/acknowledgement/acknowledgementType").asString()).isEqualTo("Read");
		assertThat(entry.at("/acknowledgement/acknowledgementTimestamp").asLong()).isEqualTo(5000);
	}

	@Test
	void whenTwentySixReceiptsOrAnUnknownTypeAreSentThenTheCallIsRefusedAndNothingIsStored() {
		String endUser = newEndUser();
		String conversation = endUserWrites(fixture.partnerA(), endUser, uuid(), "hi");
		String reply = agentReplies(conversation, "Hello");
		List<String> receipts = new ArrayList<>();
		for (int i = 0; i < 26; i++) {
			receipts.add(receipt("Delivered", reply, 1000 + i, uuid()));
		}
		assertRefusedInEnvelope(acknowledge(conversation, endUser, String.join(", ", receipts)), 400, 10089);
		assertRefusedInEnvelope(acknowledge(conversation, endUser, receipt("Seen", reply, 1000, uuid())), 400, 10089);
		assertRefusedInEnvelope(acknowledge(conversation, endUser, ""), 400, 10089);
		assertThat(this.acknowledgements.latest(conversation)).isEmpty();
	}

	@Test
	void whenAReceiptIsRetriedThenItIsAcceptedAndTheSameIdForOtherContentIs10073() {
		String endUser = newEndUser();
		String conversation = endUserWrites(fixture.partnerA(), endUser, uuid(), "hi");
		String reply = agentReplies(conversation, "Hello");
		String created = uuid();
		assertThat(acknowledge(conversation, endUser, receipt("Delivered", reply, 1000, created)).statusCode())
			.isEqualTo(200);
		assertThat(acknowledge(conversation, endUser, receipt("Delivered", reply, 1000, created)).statusCode())
			.isEqualTo(200);
		assertRefusedInEnvelope(acknowledge(conversation, endUser, receipt("Read", reply, 9000, created)), 409, 10073);
		assertThat(this.acknowledgements.latest(conversation).get(reply).type()).isEqualTo("Delivered");
	}

	@Test
	void whenTheSenderConversationOrEntryIsWrongThenItsCode() {
		String endUser = newEndUser();
		String written = uuid();
		String conversation = endUserWrites(fixture.partnerA(), endUser, written, "hi");
		String reply = agentReplies(conversation, "Hello");
		assertRefusedInEnvelope(acknowledge(conversation, newEndUser(), receipt("Read", reply, 1, uuid())), 400, 10036);
		assertRefusedInEnvelope(acknowledge(uuid(), endUser, receipt("Read", reply, 1, uuid())), 400, 10018);
		assertRefusedInEnvelope(acknowledge(conversation, endUser, receipt("Read", written, 1, uuid())), 400, 10089);
		assertRefusedInEnvelope(acknowledge(conversation, endUser, receipt("Read", uuid(), 1, uuid())), 400, 10089);
		HttpResponse<String> agentSender = call("POST", "/api/v1/acknowledgement", fixture.partnerA(), """
				{"sender": {"appType": "agent", "subject": "%s", "role": "Agent"}, "conversationIdentifier": "%s",
				 "acknowledgements": [%s]}""".formatted(AGENT, conversation, receipt("Read", reply, 1, uuid())));
		assertRefusedInEnvelope(agentSender, 400, 10037);
		assertThat(this.acknowledgements.latest(conversation)).isEmpty();
	}

	private HttpResponse<String> acknowledge(String conversation, String endUser, String receipts) {
		return call("POST", "/api/v1/acknowledgement", fixture.partnerA(), """
				{"sender": {"appType": "custom", "subject": "%s", "role": "EndUser"}, "conversationIdentifier": "%s",
				 "acknowledgements": [%s]}""".formatted(endUser, conversation, receipts));
	}

	private static String receipt(String type, String entry, Object timestamp, String created) {
		return """
				{"acknowledgementType": "%s", "acknowledgedConversationEntryIdentifier": "%s",
				 "acknowledgmentCreatedConversationEntryIdentifier": "%s", "acknowledgementTimestamp": %s}"""
			.formatted(type, entry, created, timestamp);
	}

}
