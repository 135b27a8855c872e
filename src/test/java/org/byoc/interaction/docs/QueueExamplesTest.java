package org.byoc.interaction.docs;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.routing.PendingServiceRouting;
import org.byoc.interaction.routing.Routings;
import org.byoc.interaction.support.PartnerSubscription;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs docs/routing.md's "Wait in a queue" blocks exactly as printed (after the README tour's "Get a token" block),
 * against the demo org; a partner's Pub/Sub subscriber then hears the QueuePosition they describe.
 */
class QueueExamplesTest extends DemoOrgDocsTestBase {

	static final String OMNI_ADDRESS = "5e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";

	static final String END_USER = "+15550002468";

	@Autowired
	Conversations conversations;

	@Autowired
	Routings routings;

	@Test
	void whenTheQueueExampleRunsAsPrintedThenTheConversationWaitsAtPositionOneAndThePartnerHearsIt()
			throws Exception {
		String script = DocBlocks.tokenBlock() + "\n" + DocBlocks.script(DocSection.QUEUE);
		assertThat(script).contains("Omni_ChannelDefinition", "/admin/api/orgs/00D5g000004SWby/queues");

		String output = run(script);

		Conversation conversation = this.conversations.find(ORG, OMNI_ADDRESS, END_USER).orElseThrow();
		PendingServiceRouting psr = this.routings.routingsOf(ORG, conversation.conversationIdentifier()).get(0);
		assertThat(output).contains("\"conversationIdentifier\":\"" + conversation.conversationIdentifier() + "\"")
			.contains("\"pendingServiceRoutingId\":\"" + psr.id() + "\"")
			.contains("\"position\":1")
			.doesNotContain("\"code\":");

		Matcher token = Pattern.compile("(?m)^(00D5g000004SWby![^\\s]+)$").matcher(output);
		assertThat(token.find()).as(output).isTrue();
		try (PartnerSubscription subscription = PartnerSubscription.earliest(this.grpcPort,
				checkout.resolve("data/tls/pubsub.crt"), token.group(1), ORG, "/event/BYOC_Outbound__e")) {
			List<OutboundEvent> events = subscription.await(conversation.conversationIdentifier(), 1,
					Duration.ofSeconds(15));
			OutboundEvent position = events.get(0);
			assertThat(position.eventType()).isEqualTo("Interaction");
			JsonNode entry = position.entryPayload();
			assertThat(entry.get("entryType").asString()).isEqualTo("QueuePosition");
			assertThat(entry.get("pendingServiceRoutingId").asString()).isEqualTo(psr.id());
			assertThat(entry.get("workItemId").asString()).isEqualTo(conversation.currentSessionId());
			assertThat(entry.get("position").asInt()).isEqualTo(1);
			assertThat(position.payload().at("/recipient/subject").asString()).isEqualTo(END_USER);
		}
	}

}
