package org.byoc.interaction.routing;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Channels Salesforce routes (the simulated Omni-Channel): the end user's first message opens a PSR with the
 * channel's routing without any /route call, and reps pick it up on the admin API. Partner-routed channels wait
 * for /route.
 */
class SalesforceRoutedChannelTest extends RoutingApiTestBase {

	@Test
	void whenTheFirstMessageArrivesThenAPsrWithTheChannelsRoutingIsOpenedWithoutRoute() {
		Started conversation = startConversation(fixture.salesforceRoutedA(),
				"{\"orderNumber\": \"A-7\", \"undeclared\": \"x\"}");

		assertThat(psrs(conversation)).singleElement().satisfies((psr) -> {
			assertThat(psr.isOpen()).isTrue();
			assertThat(psr.origin()).isEqualTo(PendingServiceRouting.Origin.Channel);
			assertThat(psr.routingType()).isEqualTo(RoutingType.Initial);
			assertThat(psr.flowId()).isEqualTo(PartnerFixture.FLOW_A);
			assertThat(psr.queueId()).isEqualTo(PartnerFixture.QUEUE_A);
			assertThat(psr.workItemId()).isEqualTo(conversation.workItemId());
			assertThat(psr.routingAttributes()).isEqualTo(Map.of("orderNumber", "A-7"));
		});

		message(fixture.salesforceRoutedA(), conversation.endUser(), "{}");
		assertThat(psrs(conversation)).hasSize(1);
	}

	@Test
	void whenARepPicksUpAndAcceptsThenThePsrCompletesAndFurtherMessagesOpenNoNewRouting() {
		Started conversation = startConversation(fixture.salesforceRoutedA());
		String psrId = psrs(conversation).get(0).id();
		String org = partnerA().orgKey();

		JsonNode queue = agent("GET", "/admin/api/orgs/%s/routings".formatted(org), null);
		assertThat(queue.get("routings")).anySatisfy((psr) -> assertThat(psr.get("psrId").asString()).isEqualTo(psrId));
		JsonNode picked = agent("POST", "/admin/api/orgs/%s/agents/%s/work".formatted(org, PartnerFixture.AGENT_A_ID),
				"{\"psrId\": \"%s\"}".formatted(psrId));
		assertThat(picked.get("status").asString()).isEqualTo("Assigned");
		assertThat(picked.get("psrId").asString()).isEqualTo(psrId);
		agent("POST", "/admin/api/orgs/%s/agents/%s/work/%s/accept".formatted(org, PartnerFixture.AGENT_A_ID,
				picked.get("agentWorkId").asString()), null);

		assertThat(psrs(conversation)).singleElement()
			.satisfies((psr) -> assertThat(psr.status()).isEqualTo(PendingServiceRouting.Status.Completed));
		message(fixture.salesforceRoutedA(), conversation.endUser(), "{}");
		assertThat(psrs(conversation)).hasSize(1);
		assertThat(work(conversation)).singleElement()
			.satisfies((work) -> assertThat(work.status()).isEqualTo(AgentWork.Status.Opened));
	}

	@Test
	void whenTheSessionEndedAndTheEndUserWritesAgainThenTheNewSessionIsRoutedAgain() {
		Started conversation = startConversation(fixture.salesforceRoutedA());
		post("/api/v1/messagingSession", fixture.salesforceRoutedA(), """
				{"channelAddressIdentifier": "%s", "endUserClientId": "%s", "conversationIdentifier": "%s",
				 "operation": "End"}""".formatted(PartnerFixture.SALESFORCE_ROUTED_ADDRESS, conversation.endUser(),
				conversation.conversationIdentifier()));

		Started again = message(fixture.salesforceRoutedA(), conversation.endUser(), "{}");

		assertThat(psrs(conversation)).satisfiesExactly(
				(first) -> assertThat(first.status()).isEqualTo(PendingServiceRouting.Status.Canceled),
				(second) -> {
					assertThat(second.isOpen()).isTrue();
					assertThat(second.workItemId()).isEqualTo(again.workItemId());
				});
	}

	@Test
	void whenAPartnerRoutedChannelsEndUserWritesThenNothingRoutesUntilRoute() {
		Started conversation = startConversation(partnerA());
		assertThat(psrs(conversation)).isEmpty();
	}

	@Test
	void whenARepTriesToPickUpPartnerRoutedWorkThenThePartnerKeepsRouting() {
		Started conversation = startConversation(partnerA());
		String psrId = json(route(conversation, null)).get("psrId").asString();
		assertThat(admin("POST", "/admin/api/orgs/%s/agents/%s/work".formatted(partnerA().orgKey(),
				PartnerFixture.AGENT_A_ID), "{\"psrId\": \"%s\"}".formatted(psrId)).statusCode()).isEqualTo(400);
		assertThat(work(conversation)).isEmpty();
	}

}
