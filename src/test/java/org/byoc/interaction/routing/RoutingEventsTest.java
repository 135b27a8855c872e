package org.byoc.interaction.routing;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.PartnerSubscription;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.byoc.interaction.routing.RoutingEndToEndTest.assertInteraction;

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

			agent("POST", workPath(ADA, work, "decline"), null);

			OutboundEvent declined = events.next(1).get(0);
			assertInteraction(declined, conversation, "RoutingResult");
			JsonNode result = declined.entryPayload();
			assertThat(result.get("failureType").asString()).isEqualTo("RoutingError");
			assertThat(result.get("errorMessages")).singleElement()
				.satisfies((message) -> assertThat(message.asString()).contains(ADA).contains("declined"));
			assertThat(result.get("pendingServiceRoutingId").asString()).isEqualTo(psrId);
			assertThat(result.get("workOwnerId").asString()).isEqualTo(ADA);
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
			events.next(2);

			agent("POST", workPath(ADA, work, "close"), null);
			OutboundEvent left = events.next(1).get(0);
			assertInteraction(left, conversation, "ParticipantChanged");
			assertThat(left.payload().at("/payload/sender/subject").asString()).isEqualTo(ADA);
			assertThat(left.entryPayload().get("entries")).singleElement().satisfies((entry) -> {
				assertThat(entry.get("operation").asString()).isEqualTo("remove");
				assertThat(entry.at("/participant/subject").asString()).isEqualTo(ADA);
			});

			route(conversation, null);
			agent("POST", workPath(ADA, assign(conversation, ADA), "accept"), null);
			events.next(2);
			assertThat(post("/api/v1/participant", partnerA(), """
					{"conversationIdentifier": "%s", "operation": "Remove",
					 "participants": [{"appType": "agent", "subject": "%s", "role": "Agent"}]}"""
				.formatted(conversation.conversationIdentifier(), ADA)).statusCode()).isEqualTo(200);
			OutboundEvent removed = events.next(1).get(0);
			assertInteraction(removed, conversation, "ParticipantChanged");
			assertThat(removed.payload().at("/payload/sender/role").asString()).isEqualTo("System");
			assertThat(removed.entryPayload().at("/entries/0/operation").asString()).isEqualTo("remove");
			assertThat(removed.entryPayload().at("/entries/0/participant/subject").asString()).isEqualTo(ADA);
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
			agent("POST", workPath(ADA, assign(conversation, ADA), "accept"), null);
			events.next(2);

			agent("POST", "/admin/api/orgs/%s/agents/%s/conversations/%s/end".formatted(partnerA().orgKey(), ADA,
					conversation.conversationIdentifier()), null);

			List<OutboundEvent> ended = events.next(2);
			assertInteraction(ended.get(0), conversation, "ParticipantChanged");
			assertThat(ended.get(0).entryPayload().at("/entries/0/participant/subject").asString()).isEqualTo(ADA);
			assertInteraction(ended.get(1), conversation, "SessionStatusChanged");
			assertThat(ended.get(1).entryPayload().get("sessionStatus").asString()).isEqualTo("Ended");
			assertThat(ended.get(1).entryPayload().get("sessionEndedByRole").asString()).isEqualTo("Agent");
			assertThat(ended.get(1).payload().at("/payload/sender/subject").asString()).isEqualTo(ADA);
		}
	}

	@Test
	void whenSalesforceRoutedWorkIsTakenAndTransferredThenTheRepJoinsAndNoRoutingIsRequestedOfThePartner() {
		PartnerFixture.App channel = fixture.salesforceRoutedA();
		try (PartnerSubscription subscription = subscribe(channel)) {
			Started conversation = startConversation(channel);
			ConversationEvents events = new ConversationEvents(subscription, conversation.conversationIdentifier());
			String psrId = psrs(conversation).get(0).id();
			JsonNode picked = agent("POST", "/admin/api/orgs/%s/agents/%s/work".formatted(channel.orgKey(), ADA),
					"{\"psrId\": \"%s\"}".formatted(psrId));
			agent("POST", workPath(ADA, picked.get("agentWorkId").asString(), "accept"), null);

			List<OutboundEvent> joined = events.next(2);
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
			agent("POST", "/admin/api/orgs/%s/agents/%s/conversations/%s/end".formatted(channel.orgKey(), ADA,
					conversation.conversationIdentifier()), null);

			// the next events are the end's: the transfer asked the partner nothing
			assertThat(events.next(2)).extracting(OutboundEvent::entryType)
				.containsExactly("ParticipantChanged", "SessionStatusChanged");
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
