package org.byoc.interaction.docs;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.TranscriptEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's walk-through blocks exactly as printed (only the ports differ), with bash, curl and openssl,
 * in a folder laid out like a fresh checkout whose service runs with the demo org.
 */
class ReadmeExamplesTest extends DemoOrgReadmeTestBase {

	@Autowired
	Conversations conversations;

	@Test
	void whenTheReadmeWalkThroughRunsAsPrintedThenEveryInteractionIsAcceptedAndStored() throws Exception {
		String script = walkThrough();
		assertThat(script).contains("/api/v1/interactions");

		String output = run(script);
		assertThat(count(output, "< HTTP/1.1 202")).as(output).isEqualTo(5);
		assertThat(count(output, "< HTTP/1.1 201")).as("the agent's reply").isEqualTo(1);
		assertThat(output).doesNotContain("< HTTP/1.1 4").doesNotContain("< HTTP/1.1 5");
		assertThat(output).contains("\"clientId\":\"+15551234567\"");

		Conversation conversation = this.conversations
			.find("00D5g000004SWby", "b0ffeafe-0d89-4338-b14a-172ad203f22a", "+15551234567")
			.orElseThrow();
		List<TranscriptEntry> transcript = this.conversations.transcript(conversation.conversationIdentifier());
		assertThat(transcript).extracting(TranscriptEntry::entryType)
			.containsExactly("Message", "MessageDeliveryFailed", "Message", "Message");
		assertThat(transcript.get(3).sender().role()).isEqualTo("Agent");
		assertThat(transcript.get(0).deliveryErrorCode()).isEqualTo("500");
		assertThat(transcript.get(2).attachmentId()).isNotNull();

		// the examples use fixed entry ids: running them again is a retry and changes nothing
		assertThat(count(run(script), "< HTTP/1.1 202"))
			.isEqualTo(5);
		// ... except the agent, who replies again
		assertThat(this.conversations.transcript(conversation.conversationIdentifier())).hasSize(5);
	}

	private String walkThrough() throws IOException {
		return String.join("\n", ReadmeBlocks.section("readme-examples"));
	}

	private static int count(String text, String needle) {
		return ReadmeBlocks.count(text, needle);
	}

}
