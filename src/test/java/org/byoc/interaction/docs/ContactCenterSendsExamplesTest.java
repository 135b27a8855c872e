package org.byoc.interaction.docs;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.support.PartnerSubscription;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs docs/api-tour.md's "What the contact center sends you" blocks exactly as printed (after the README tour's
 * "Get a token" block),
 * against the demo org, and reads what a partner's Pub/Sub subscriber (gRPC over TLS) receives for each: receipts,
 * consent changes, notes and flags.
 */
class ContactCenterSendsExamplesTest extends DemoOrgDocsTestBase {

	static final Duration WAIT = Duration.ofSeconds(15);

	@Autowired
	Conversations conversations;

	@Test
	void whenTheExamplesRunAsPrintedThenTheSubscriberReceivesWhatTheyDescribe() throws Exception {
		String script = DocBlocks.tokenBlock() + "\n" + DocBlocks.script(DocSection.CONTACT_CENTER_SENDS)
				+ "\necho \"TOKEN_FOR_THE_TEST=$TOKEN\"\n";
		assertThat(script).contains("/read", "/consent", "/notes", "/flag");

		String output = run(script);
		assertThat(output).contains("\"delivered\":[\"7d2e1f40-5a6b-4c8d-9e0f-1a2b3c4d5e60\"]")
			.contains("\"read\":[\"7d2e1f40-5a6b-4c8d-9e0f-1a2b3c4d5e60\"]")
			.contains("\"consentStatus\":\"OptOut\",\"changed\":true")
			.contains("\"code\":15103")
			.contains("\"consentStatus\":\"OptIn\",\"changed\":true");
		assertThat(DocBlocks.count(output, "\"code\":")).as(output).isEqualTo(1);

		Matcher token = Pattern.compile("TOKEN_FOR_THE_TEST=(\\S+)").matcher(output);
		assertThat(token.find()).isTrue();
		try (PartnerSubscription subscriber = PartnerSubscription.earliest(this.grpcPort,
				checkout.resolve("data/tls/pubsub.crt"), token.group(1), ORG, "/event/BYOC_Outbound__e")) {
			List<OutboundEvent> receipts = subscriber.await(conversation("+15559870001"), 2, WAIT);
			assertThat(receipts).extracting(OutboundEvent::entryType)
				.containsExactly("DeliveryAcknowledgement", "ReadAcknowledgement");
			JsonNode read = receipts.get(1).payload();
			assertThat(read.at("/payload/entryPayload/acknowledgedConversationEntryIdentifier").asString())
				.isEqualTo("7d2e1f40-5a6b-4c8d-9e0f-1a2b3c4d5e60");
			assertThat(read.at("/payload/entryPayload/recipient/subject").asString()).isEqualTo("+15559870001");
			assertThat(read.at("/payload/sender/subject").asString()).isEqualTo("0055g00000AgEnT");
			assertThat(read.at("/payload/senderDisplayName").asString()).isEqualTo("Ada Agent");

			List<OutboundEvent> consent = subscriber.await(conversation("+15559870002"), 2, WAIT);
			assertThat(consent).extracting((e) -> e.entryType() + " " + e.entryPayload().get("consentStatus").asString()
					+ " " + e.entryPayload().get("isEndUserInitiated").asBoolean())
				.containsExactly("EndUserConsentUpdated OptOut false", "EndUserConsentUpdated OptIn false");
			assertThat(consent.get(0).entryPayload().get("endUserSubject").asString()).isEqualTo("+15559870002");

			List<OutboundEvent> notes = subscriber.await(conversation("+15559870003"), 3, WAIT);
			assertThat(notes).extracting(OutboundEvent::entryType).containsExactly("Note", "FlagRaise", "FlagLower");
			assertThat(notes.get(0).payload().at("/payload/recipients").toString())
				.isEqualTo("{\"primary\":[],\"secondary\":[],\"hidden\":[{\"identifier\":\"0055g00000AgEnT\","
						+ "\"displayName\":\"Ada Agent\",\"contact\":\"ada@acme.example\"}]}");
			assertThat(notes.get(0).entryPayload().at("/abstractMessage/staticContent/text").asString())
				.isEqualTo("Refund is above my limit");
		}

		// running the receipts again is a retry: nothing new is read
		assertThat(run(DocBlocks.tokenBlock() + "\n" + DocBlocks.section(DocSection.CONTACT_CENTER_SENDS).get(0)))
			.contains("\"delivered\":[],\"read\":[]");
	}

	private String conversation(String endUser) {
		return this.conversations.find(ORG, ADDRESS, endUser).orElseThrow().conversationIdentifier();
	}

}
