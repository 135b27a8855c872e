package org.byoc.interaction.docs;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.TranscriptEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs docs/api-tour.md's interaction examples (after the README tour's token and message) and its section on
 * capabilities, proactive messaging, receipts, history and bring-your-own-bot (after the token and an admin token)
 * exactly as printed, against the demo org; only the ports differ.
 */
class ApiTourExamplesTest extends DemoOrgDocsTestBase {

	@Autowired
	Conversations conversations;

	@Test
	void whenTheInteractionExamplesRunAsPrintedThenEveryInteractionIsAcceptedAndStoredOnce() throws Exception {
		String script = DocBlocks.tokenBlock() + "\n" + DocBlocks.tourMessageBlock() + "\n"
				+ DocBlocks.script(DocSection.INTERACTIONS);
		assertThat(script).contains("TypingStartedIndicator", "TypingStoppedIndicator", "MessageDeliveryFailed",
				"AttachmentInteraction");

		String output = run(script);
		assertThat(count(output, "< HTTP/1.1 202")).as(output).isEqualTo(5);
		assertThat(output).doesNotContain("< HTTP/1.1 4").doesNotContain("< HTTP/1.1 5");

		Conversation conversation = this.conversations.find(ORG, ADDRESS, "+15551234567").orElseThrow();
		List<TranscriptEntry> transcript = this.conversations.transcript(conversation.conversationIdentifier());
		// the README tour's agent replies may be there too: the end user's side is what these examples wrote
		List<TranscriptEntry> endUser = transcript.stream()
			.filter((entry) -> !entry.sender().role().equals("Agent"))
			.toList();
		assertThat(endUser).extracting(TranscriptEntry::entryType)
			.containsExactly("Message", "MessageDeliveryFailed", "Message");
		assertThat(endUser.get(0).entryId()).isEqualTo(ReadmeTourExamplesTest.MESSAGE_ID);
		assertThat(endUser.get(0).deliveryErrorCode()).isEqualTo("500");
		assertThat(endUser.get(2).attachmentId()).isNotNull();

		// the examples use fixed entry ids: running them again is a retry and changes nothing
		assertThat(count(run(script), "< HTTP/1.1 202")).isEqualTo(5);
		assertThat(this.conversations.transcript(conversation.conversationIdentifier())).hasSameSizeAs(transcript);
	}

	@Test
	void whenTheMoreApiExamplesRunAsPrintedThenEveryCallSucceedsAndLeavesItsState() throws Exception {
		String script = DocBlocks.tokenBlock() + "\nADMIN_TOKEN=$(./generate_admin_key.sh)\n"
				+ DocBlocks.script(DocSection.MORE_API);
		assertThat(script).contains("/api/v1/capabilities", "/api/v1/conversation", "/api/v1/acknowledgement",
				"/api/v1/conversationHistory", "/api/v1/conversationEntry", "/api/v1/attachment", "/api/v1/agentWork");

		String output = run(script);
		assertThat(output).doesNotContain("< HTTP/1.1 4")
			.doesNotContain("< HTTP/1.1 5")
			.doesNotContain("\"success\":false")
			.doesNotContain("\"code\":");

		Conversation proactive = this.conversations.find(ORG, ADDRESS, "+15550001234").orElseThrow();
		List<TranscriptEntry> transcript = this.conversations.transcript(proactive.conversationIdentifier());
		assertThat(transcript).extracting((entry) -> entry.sender().role())
			.containsSubsequence("Agent", "Chatbot", "Chatbot");
		// the bot joined and left through PATCH /api/v1/agentWork
		assertThat(transcript).filteredOn((entry) -> entry.entryType().equals("ParticipantChanged"))
			.extracting(TranscriptEntry::payloadJson)
			.satisfiesExactly((joined) -> assertThat(joined).contains("\"operation\":\"add\""),
					(left) -> assertThat(left).contains("\"operation\":\"remove\""));
		assertThat(transcript).anySatisfy((entry) -> assertThat(entry.payloadJson()).contains("ChoicesMessage"));
		assertThat(transcript).anySatisfy((entry) -> assertThat(entry.attachmentId()).isNotNull());

		Conversation handedOver = this.conversations.find(ORG, ADDRESS, "+15550005678").orElseThrow();
		assertThat(this.conversations.transcript(handedOver.conversationIdentifier()))
			.extracting((entry) -> entry.sender().role())
			.containsExactly("EndUser", "Chatbot");
	}

	private static int count(String text, String needle) {
		return DocBlocks.count(text, needle);
	}

}
