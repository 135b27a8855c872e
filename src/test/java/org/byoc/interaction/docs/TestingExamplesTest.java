package org.byoc.interaction.docs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.conversation.TranscriptEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs docs/testing.md's "Scripted agents" and "Clean slates" blocks exactly as printed (after the README tour's
 * "Get a token" block) against the demo org: the scripted agent answers and ends the conversation, the snapshot,
 * reset and restore answer as documented. The demo org is put back as it was afterwards (with a snapshot of its
 * own), since the docs tests share it.
 */
class TestingExamplesTest extends DemoOrgDocsTestBase {

	static final String OMNI_ADDRESS = "5e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";

	static final String END_USER = "+15550001357";

	@Autowired
	Conversations conversations;

	@BeforeEach
	void keepTheDemoOrg() throws Exception {
		assertThat(admin("POST", "/snapshots", "{\"name\": \"testing-examples-test\"}").statusCode()).isEqualTo(201);
	}

	@AfterEach
	void putTheDemoOrgBack() throws Exception {
		assertThat(admin("POST", "/snapshots/testing-examples-test/restore", null).statusCode()).isEqualTo(200);
		admin("DELETE", "/snapshots/testing-examples-test", null);
	}

	@Test
	void whenTheExamplesRunAsPrintedThenTheScriptedAgentAnswersAndEndsAndTheOrgComesBackFromItsSnapshot()
			throws Exception {
		String script = DocBlocks.tokenBlock() + "\n" + DocBlocks.script(DocSection.SCRIPTED_AGENT) + "\n"
				+ DocBlocks.script(DocSection.CLEAN_SLATE);

		String output = run(script);

		assertThat(output).contains("The agent answered: Your order ships today.", "The agent ended the session.")
			.contains("\"scriptedAgents\":[{\"userId\":\"0055g00000AgEnT\"")
			.contains("\"name\":\"baseline\"")
			.contains("\"resetThrough\":")
			.doesNotContain("\"code\":");
		Conversation conversation = this.conversations.find(ORG, OMNI_ADDRESS, END_USER).orElseThrow();
		List<TranscriptEntry> transcript = this.conversations.transcript(conversation.conversationIdentifier());
		assertThat(transcript).anySatisfy((entry) -> {
			assertThat(entry.sender().subject()).isEqualTo("0055g00000AgEnT");
			assertThat(entry.payloadJson()).contains("Your order ships today.");
		});
		assertThat(this.conversations.session(conversation.currentSessionId()).orElseThrow().status())
			.isEqualTo(MessagingSession.Status.Ended);
	}

	/** A token from the checkout's own generate_admin_key.sh, as an operator gets one. */
	private String adminToken() throws Exception {
		String[] lines = run("./generate_admin_key.sh").strip().split("\n");
		return lines[lines.length - 1].strip();
	}

	private HttpResponse<String> admin(String method, String path, String body) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.managementPort + "/admin/api/orgs/" + ORG + path))
				.header("Authorization", "Bearer " + adminToken())
				.header("Content-Type", "application/json")
				.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
						: HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
