package org.byoc.interaction.routing;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.PartnerSubscription;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.byoc.interaction.routing.RoutingEndToEndTest.assertInteraction;
import static org.byoc.interaction.routing.RoutingEndToEndTest.assertWorkResult;

/**
 * The outbound events of the steps the end-to-end test does not take, read by a partner's Pub/Sub subscriber:
 * declines, reps leaving or removed, inactivation, an agent ending the conversation, and Salesforce-routed work.
 */
class RoutingEventsTest extends RoutingApiTestBase {

	static final String ADA = PartnerFixture.AGENT_A_ID;

	@Test
	void whenARepDeclinesPartnerRoutedWorkThenThePartnerGetsARoutingError() {
		try (PartnerSubscription subscription = subscribe(partnerA())) {
			Started conversation = startConversation(partnerA());
			ConversationEvents events = new ConversationEvents(subscription, conversation.conversationIdentifier());
			String psrId = json(route(conversation, null)).get("psrId").asString();
			String work = assign(conversation, ADA);
			assertWorkResult(events.next(1).get(0), conversation, work, ADA, "Assigned", PartnerFixture.QUEUE_A,
					"Initial");

			agent("POST", workPath(ADA, work, "decline"), null);

			List<OutboundEvent> declining = events.next(2);
			OutboundEvent declined = declining.get(0);
			assertInteraction(declined, conversation, "RoutingResult");
			JsonNode result = declined.entryPayload();
			assertThat(result.get("failureType").asString()).isEqualTo("RoutingError");
			assertThat(result.get("errorMessages")).singleElement()
				.satisfies((message) -> assertThat(message.asString()).contains(ADA).contains("declined"));
			assertThat(result.get("pendingServiceRoutingId").asString()).isEqualTo(psrId);
			assertThat(result.get("workOwnerId").asString()).isEqualTo(ADA);
			assertWorkResult(declining.get(1), conversation, work, ADA, "Declined", PartnerFixture.QUEUE_A, "Initial");
			assertThat(declining.get(1).entryPayload().get("errorMessages")).singleElement()
				.satisfies((message) -> assertThat(message.asString()).contains(ADA).contains("declined"));
			assertThat(declining.get(1).payload().at("/payload/sender/subject").asString()).isEqualTo(ADA);
		}
	}

	@Test
	void whenARepLeavesOrThePartnerRemovesOneThenParticipantChangedRemovesThem() {
		try (PartnerSubscription subscription = subscribe(partnerA())) {
			Started conversation = startConversation(partnerA());
			ConversationEvents events = new ConversationEvents(subscription, conversation.conversationIdentifier());
			route(conversation, null);
			String work = assign(conversation, ADA);
			agent("POST", workPath(ADA, work, "accept"), null);
			events.next(4);

			agent("POST", workPath(ADA, work, "close"), null);
			List<OutboundEvent> leaving = events.next(2);
			OutboundEvent left = leaving.get(0);
			assertInteraction(left, conversation, "ParticipantChanged");
			assertThat(left.payload().at("/payload/sender/subject").asString()).isEqualTo(ADA);
			assertThat(left.entryPayload().get("entries")).singleElement().satisfies((entry) -> {
				assertThat(entry.get("operation").asString()).isEqualTo("remove");
				assertThat(entry.at("/participant/subject").asString()).isEqualTo(ADA);
			});
			assertWorkResult(leaving.get(1), conversation, work, ADA, "Closed", PartnerFixture.QUEUE_A, "Initial");

			route(conversation, null);
			String again = assign(conversation, ADA);
			agent("POST", workPath(ADA, again, "accept"), null);
			events.next(4);
			assertThat(post("/api/v1/participant", partnerA(), """
					{"conversationIdentifier": "%s", "operation": "Remove",
					 "participants": [{"appType": "agent", "subject": "%s", "role": "Agent"}]}"""
				.formatted(conversation.conversationIdentifier(), ADA)).statusCode()).isEqualTo(200);
			List<OutboundEvent> removing = events.next(2);
			OutboundEvent removed = removing.get(0);
			assertInteraction(removed, conversation, "ParticipantChanged");
			assertThat(removed.payload().at("/payload/sender/role").asString()).isEqualTo("System");
			assertThat(removed.entryPayload().at("/entries/0/operation").asString()).isEqualTo("remove");
			assertThat(removed.entryPayload().at("/entries/0/participant/subject").asString()).isEqualTo(ADA);
			assertWorkResult(removing.get(1), conversation, again, ADA, "Closed", PartnerFixture.QUEUE_A, "Initial");
			assertThat(removing.get(1).payload().at("/payload/sender/role").asString()).isEqualTo("System");
		}
	}

	@Test
	void whenThePartnerInactivatesTheSessionThenSessionStatusChangedSaysInactive() {
		try (PartnerSubscription subscription = subscribe(partnerA())) {
			Started conversation = startConversation(partnerA());
			ConversationEvents events = new ConversationEvents(subscription, conversation.conversationIdentifier());
			assertThat(post("/api/v1/messagingSession", partnerA(), """
					{"channelAddressIdentifier": "%s", "endUserClientId": "%s", "conversationIdentifier": "%s",
					 "sessionId": "%s", "operation": "Inactivate", "operationBy": "System"}""".formatted(
					partnerA().address(), conversation.endUser(), conversation.conversationIdentifier(),
					conversation.workItemId())).statusCode()).isEqualTo(200);

			OutboundEvent inactive = events.next(1).get(0);
			assertInteraction(inactive, conversation, "SessionStatusChanged");
			JsonNode status = inactive.entryPayload();
			assertThat(status.get("sessionId").asString()).isEqualTo(conversation.workItemId());
			assertThat(status.get("sessionStatus").asString()).isEqualTo("Inactive");
			assertThat(status.get("sessionStatusPrev").asString()).isEqualTo("Active");
			assertThat(status.get("sessionStartTime").asLong()).isPositive();
			assertThat(status.has("sessionEndTime")).isFalse();
			assertThat(inactive.payload().at("/payload/sender/role").asString()).isEqualTo("System");
		}
	}

	@Test
	void whenARepEndsTheConversationThenTheyLeaveAndTheSessionEndsByAgent() {
		try (PartnerSubscription subscription = subscribe(partnerA())) {
			Started conversation = startConversation(partnerA());
			ConversationEvents events = new ConversationEvents(subscription, conversation.conversationIdentifier());
			route(conversation, null);
			String work = assign(conversation, ADA);
			agent("POST", workPath(ADA, work, "accept"), null);
			events.next(4);

			agent("POST", "/admin/api/orgs/%s/agents/%s/conversations/%s/end".formatted(partnerA().orgKey(), ADA,
					conversation.conversationIdentifier()), null);

			List<OutboundEvent> ended = events.next(3);
			assertInteraction(ended.get(0), conversation, "ParticipantChanged");
			assertThat(ended.get(0).entryPayload().at("/entries/0/participant/subject").asString()).isEqualTo(ADA);
			assertInteraction(ended.get(1), conversation, "SessionStatusChanged");
			assertThat(ended.get(1).entryPayload().get("sessionStatus").asString()).isEqualTo("Ended");
			assertThat(ended.get(1).entryPayload().get("sessionEndedByRole").asString()).isEqualTo("Agent");
			assertThat(ended.get(1).payload().at("/payload/sender/subject").asString()).isEqualTo(ADA);
			assertWorkResult(ended.get(2), conversation, work, ADA, "Closed", PartnerFixture.QUEUE_A, "Initial");
		}
	}

	@Test
	void whenSalesforceRoutedWorkIsTakenAndTransferredThenTheRepJoinsAndNoRoutingIsRequestedOfThePartner() {
		PartnerFixture.App channel = fixture.salesforceRoutedA();
		try (PartnerSubscription subscription = subscribe(channel)) {
			Started conversation = startConversation(channel);
			ConversationEvents events = new ConversationEvents(subscription, conversation.conversationIdentifier());
			String psrId = psrs(conversation).get(0).id();
			// the org models no presence: nobody is offered the work, it waits in the queue
			OutboundEvent waiting = events.next(1).get(0);
			assertInteraction(waiting, conversation, "QueuePosition");
			assertThat(waiting.entryPayload().get("pendingServiceRoutingId").asString()).isEqualTo(psrId);
			assertThat(waiting.entryPayload().get("position").asInt()).isPositive();
			JsonNode picked = agent("POST", "/admin/api/orgs/%s/agents/%s/work".formatted(channel.orgKey(), ADA),
					"{\"psrId\": \"%s\"}".formatted(psrId));
			String work = picked.get("agentWorkId").asString();
			assertWorkResult(events.next(1).get(0), conversation, work, ADA, "Assigned", PartnerFixture.QUEUE_A,
					"Initial");
			agent("POST", workPath(ADA, work, "accept"), null);

			List<OutboundEvent> joined = events.next(3);
			assertInteraction(joined.get(0), conversation, "ParticipantChanged");
			assertThat(joined.get(0).entryPayload().at("/entries/0/operation").asString()).isEqualTo("add");
			assertInteraction(joined.get(1), conversation, "RoutingResult");
			assertThat(joined.get(1).entryPayload().get("pendingServiceRoutingId").asString()).isEqualTo(psrId);
			assertThat(joined.get(1).entryPayload().at("/routingConfigurationDetails/queueId").asString())
				.isEqualTo(PartnerFixture.QUEUE_A);

			JsonNode transfer = agent("POST", "/admin/api/orgs/%s/agents/%s/conversations/%s/transfer".formatted(
					channel.orgKey(), ADA, conversation.conversationIdentifier()),
					"{\"userId\": \"%s\"}".formatted(PartnerFixture.AGENT_B_ID));
			assertThat(this.routings.openRoutings(channel.orgId())).anySatisfy(
					(psr) -> assertThat(psr.id()).isEqualTo(transfer.get("psrId").asString()));

			assertWorkResult(joined.get(2), conversation, work, ADA, "Accepted", PartnerFixture.QUEUE_A, "Initial");
			OutboundEvent requested = events.next(1).get(0);
			assertInteraction(requested, conversation, "TransferProgress");
			assertThat(requested.entryPayload().get("transferStatus").asString()).isEqualTo("Requested");
			assertThat(requested.entryPayload().at("/routingConfigurationDetails/routingConfigurationType").asString())
				.isEqualTo("AgentRoutingType");
			assertThat(requested.entryPayload().at("/routingConfigurationDetails/agentId").asString())
				.isEqualTo(PartnerFixture.AGENT_B_ID);
			agent("POST", "/admin/api/orgs/%s/agents/%s/conversations/%s/end".formatted(channel.orgKey(), ADA,
					conversation.conversationIdentifier()), null);

			// the next events are the end's: the transfer asked the partner nothing, and failed with the session
			List<OutboundEvent> ending = events.next(4);
			assertThat(ending).extracting(OutboundEvent::entryType)
				.containsExactly("TransferProgress", "ParticipantChanged", "SessionStatusChanged", "RoutingWorkResult");
			assertThat(ending.get(0).entryPayload().get("transferStatus").asString()).isEqualTo("Failed");
			assertThat(ending.get(0).entryPayload().get("errorMessages").get(0).asString()).contains("session ended");
		}
	}

	String assign(Started conversation, String userId) {
		return json(post("/api/v1/agentWork", conversation.app(), """
				{"userId": "%s", "workItemId": "%s"}""".formatted(userId, conversation.workItemId())))
			.get("agentWorkId")
			.asString();
	}

	static String workPath(String userId, String agentWorkId, String action) {
		return "/admin/api/orgs/%s/agents/%s/work/%s/%s".formatted(partnerA().orgKey(), userId, agentWorkId, action);
	}

}
