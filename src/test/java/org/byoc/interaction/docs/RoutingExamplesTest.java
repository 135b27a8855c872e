package org.byoc.interaction.docs;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.routing.PendingServiceRouting;
import org.byoc.interaction.routing.RoutingType;
import org.byoc.interaction.routing.Routings;
import org.byoc.interaction.routing.consent.ConsentStatus;
import org.byoc.interaction.routing.consent.Consents;
import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.routing.work.AgentWorks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs docs/routing.md's "Route a conversation to a rep" (route, agentWork, consent, agent side) exactly as printed,
 * after the README tour's "Get a token" block, with bash and curl against the demo org; only the ports differ.
 * Skipped when curl is missing.
 */
class RoutingExamplesTest extends DemoOrgDocsTestBase {

	static final String END_USER = "+15557654321";

	@Autowired
	Conversations conversations;

	@Autowired
	Routings routings;

	@Autowired
	AgentWorks agentWorks;

	@Autowired
	Consents consents;

	@Test
	void whenTheRoutingExamplesRunAsPrintedThenEachIsAcceptedAndLeavesItsState() throws Exception {
		assumeTrue(onPath("curl"), "curl is not installed: the docs' curl examples cannot run here");
		String script = DocBlocks.tokenBlock() + "\n" + DocBlocks.script(DocSection.ROUTING);
		assertThat(script).contains("/api/v1/route", "/api/v1/agentWork", "/api/v1/consent", "-X DELETE");

		String output = run(script);

		// three routes, three agent works and the delete answer 202; consent answers 200
		assertThat(count(output, "< HTTP/1.1 202")).as(output).isEqualTo(7);
		assertThat(count(output, "< HTTP/1.1 200")).as(output).isEqualTo(1);
		assertThat(output).doesNotContain("< HTTP/1.1 4").doesNotContain("< HTTP/1.1 5").doesNotContain("\"code\":");
		assertThat(output).contains("\"existPsr\":true").contains("\"existPsr\":false");

		Conversation conversation = this.conversations.find(ORG, ADDRESS, END_USER).orElseThrow();
		String id = conversation.conversationIdentifier();
		assertThat(this.routings.routingsOf(ORG, id)).extracting(PendingServiceRouting::routingType,
				PendingServiceRouting::status)
			.containsExactly(tuple(RoutingType.Initial, PendingServiceRouting.Status.Canceled),
					tuple(RoutingType.Initial, PendingServiceRouting.Status.Canceled),
					tuple(RoutingType.Initial, PendingServiceRouting.Status.Canceled),
					tuple(RoutingType.Transfer, PendingServiceRouting.Status.Canceled));
		assertThat(this.routings.routingsOf(ORG, id).get(0).routingAttributes()).containsEntry("orderNumber",
				"ORD-1001");
		assertThat(this.agentWorks.workOf(ORG, id)).extracting(AgentWork::userId, AgentWork::status)
			.containsExactly(tuple("0055g00000AgEnT", AgentWork.Status.Canceled),
					tuple("0055g00000AgEnT", AgentWork.Status.Closed),
					tuple("0055g00000AbCdE", AgentWork.Status.Canceled));
		assertThat(this.consents.consent(ORG, ADDRESS, END_USER)).contains(ConsentStatus.ExplicitlyOptedIn);
		assertThat(this.conversations.session(conversation.currentSessionId()).orElseThrow().status())
			.isEqualTo(MessagingSession.Status.Ended);
	}

	private static boolean onPath(String command) {
		try {
			return new ProcessBuilder("bash", "-c", "command -v " + command).start().waitFor() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static int count(String text, String needle) {
		return DocBlocks.count(text, needle);
	}

}
