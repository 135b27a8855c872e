package org.byoc.interaction.docs;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.TranscriptEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's five-minute tour exactly as printed (only the ports differ), with bash, curl, openssl and the
 * vendor's npm Pub/Sub client, in a folder laid out like a fresh checkout whose service runs with the demo org.
 */
class ReadmeTourExamplesTest extends DemoOrgDocsTestBase {

	static final String MESSAGE_ID = "2f1bde4c-4a0e-4f57-8a6f-1d9f6c0a2b01";

	@Autowired
	Conversations conversations;

	@AfterAll
	static void dropTheNpmClient() throws IOException {
		FileSystemUtils.deleteRecursively(checkout.resolve("src/test/node/node_modules"));
	}

	@Test
	void whenTheReadmeTourRunsAsPrintedThenTheMessageIsStoredAnsweredAndTheAnswerReachesThePubSubSubscriber()
			throws Exception {
		String script = DocBlocks.script(DocSection.TOUR);
		assertThat(script).contains("get-token.sh", "/api/v1/interactions", "/messages", "receive-one-event.mjs");

		String output = run(script);
		assertThat(output).contains("\"status\":\"UP\"");
		assertThat(count(output, "< HTTP/1.1 202")).as(output).isEqualTo(1);
		assertThat(count(output, "< HTTP/1.1 201")).as("the agent's reply").isEqualTo(1);
		assertThat(output).doesNotContain("< HTTP/1.1 4").doesNotContain("< HTTP/1.1 5");
		assertThat(output).contains("\"clientId\":\"+15551234567\"");
		String event = output.lines().filter((line) -> line.startsWith("EVENT ")).findFirst().orElseThrow(
				() -> new AssertionError("the subscriber printed no event:\n" + output));
		assertThat(event).contains("Hi, how are you?").contains("Interaction").contains("+15551234567");

		Conversation conversation = this.conversations.find(ORG, ADDRESS, "+15551234567").orElseThrow();
		List<TranscriptEntry> transcript = this.conversations.transcript(conversation.conversationIdentifier());
		assertThat(transcript).filteredOn((entry) -> entry.entryId().equals(MESSAGE_ID))
			.singleElement()
			.satisfies((entry) -> assertThat(entry.sender().role()).isEqualTo("EndUser"));
		assertThat(transcript).anySatisfy((entry) -> {
			assertThat(entry.sender().role()).isEqualTo("Agent");
			assertThat(entry.payloadJson()).contains("Hi, how are you?");
		});

		// the message has a fixed entry id: sending it again is a retry and changes nothing
		String again = run(DocBlocks.tokenBlock() + "\n" + DocBlocks.tourMessageBlock());
		assertThat(count(again, "< HTTP/1.1 202")).as(again).isEqualTo(1);
		assertThat(this.conversations.transcript(conversation.conversationIdentifier())).hasSameSizeAs(transcript);
	}

	private static int count(String text, String needle) {
		return DocBlocks.count(text, needle);
	}

}
