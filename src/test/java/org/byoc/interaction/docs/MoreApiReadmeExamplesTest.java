package org.byoc.interaction.docs;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.TranscriptEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's section on capabilities, proactive messaging, receipts, history and bring-your-own-bot exactly
 * as printed (after its "Get a token" block and an admin token), against the demo org; only the ports differ.
 */
class MoreApiReadmeExamplesTest extends DemoOrgReadmeTestBase {

	@Autowired
	Conversations conversations;

	@Test
	void whenTheReadmeSectionRunsAsPrintedThenEveryCallSucceedsAndLeavesItsState() throws Exception {
		String script = ReadmeBlocks.tokenBlock() + "\nADMIN_TOKEN=$(./generate_admin_key.sh)\n"
				+ String.join("\n", ReadmeBlocks.section("more-api-examples"));
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

}
