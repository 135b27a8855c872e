package org.byoc.interaction.routing;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.support.OmniOrg;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;
import org.byoc.interaction.support.PartnerSubscription;
import org.byoc.interaction.support.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.byoc.interaction.routing.RoutingEndToEndTest.assertInteraction;
import static org.byoc.interaction.routing.RoutingEndToEndTest.assertWorkResult;

/**
 * The router of Salesforce-routed channels, driven as a partner and an agent would (partner API, admin API) and
 * heard as a partner's Pub/Sub subscriber hears it: work waits in its queue with its position announced, is offered
 * to an available agent, comes back after the offer time-out (the test clock is advanced, nobody sleeps) and goes to
 * the next agent.
 */
class QueueRoutingTest extends QueueRoutingTestBase {

	@Test
	void whenThreeConversationsWaitForOneAgentWithCapacityOneThenOneIsOfferedAndTheOthersLearnTheirPlace() {
		String ada = this.org.ada();
		try (PartnerSubscription subscription = subscribe(this.org.chat())) {
			presence(ada, OmniOrg.AVAILABLE);
			Started first = startConversation(this.org.chat());
			Started second = startConversation(this.org.chat());
			Started third = startConversation(this.org.chat());
			ConversationEvents firstEvents = new ConversationEvents(subscription, first.conversationIdentifier());
			ConversationEvents secondEvents = new ConversationEvents(subscription, second.conversationIdentifier());
			ConversationEvents thirdEvents = new ConversationEvents(subscription, third.conversationIdentifier());

			// one offered (pushed: Assigned on Ada's desk), two waiting at 1 and 2
			String firstWork = offeredTo(ada, first);
			assertWorkResult(firstEvents.next(1).get(0), first, firstWork, ada, "Assigned", this.org.supportQueue(),
					"Initial");
			assertPosition(secondEvents.next(1).get(0), second, 1);
			assertPosition(thirdEvents.next(1).get(0), third, 2);
			JsonNode waiting = queues().at("/queues/0");
			assertThat(waiting.get("queueId").asString()).isEqualTo(this.org.supportQueue());
			assertThat(waiting.get("offered").asInt()).isEqualTo(1);
			assertThat(waiting.get("waiting")).extracting((item) -> item.get("conversationIdentifier").asString())
				.containsExactly(second.conversationIdentifier(), third.conversationIdentifier());
			assertThat(agent("GET", presencePath(ada), null).get("capacityInUse").asDouble()).isEqualTo(1.0);

			// Ada accepts and closes the first: the second is offered, the third moves to 1
			agent("POST", workPath(ada, firstWork, "accept"), null);
			agent("POST", workPath(ada, firstWork, "close"), null);
			assertThat(firstEvents.next(5)).extracting(OutboundEvent::entryType).containsExactly("ParticipantChanged",
					"RoutingResult", "RoutingWorkResult", "ParticipantChanged", "RoutingWorkResult");
			String secondWork = offeredTo(ada, second);
			assertWorkResult(secondEvents.next(1).get(0), second, secondWork, ada, "Assigned",
					this.org.supportQueue(), "Initial");
			assertPosition(thirdEvents.next(1).get(0), third, 1);

			// Ada lets the offer time out: it goes back to the queue, at its place, and Ada gets the third instead
			TestClock.advance(Duration.ofSeconds(61));
			OutboundEvent timedOut = secondEvents.next(1).get(0);
			assertWorkResult(timedOut, second, secondWork, ada, "Declined", this.org.supportQueue(), "Initial");
			assertThat(timedOut.entryPayload().get("errorMessages").get(0).asString())
				.contains("not accepted within 60 s");
			assertThat(timedOut.payload().at("/payload/sender/role").asString()).isEqualTo("Router");
			assertPosition(secondEvents.next(1).get(0), second, 1);
			String thirdWork = offeredTo(ada, third);
			assertWorkResult(thirdEvents.next(1).get(0), third, thirdWork, ada, "Assigned", this.org.supportQueue(),
					"Initial");
			assertThat(work(second)).extracting(AgentWork::status)
				.containsExactly(AgentWork.Status.DeclinedOnPushTimeout);

			// the next agent who comes online gets it
			presence(this.org.bob(), OmniOrg.AVAILABLE);
			assertWorkResult(secondEvents.next(1).get(0), second, offeredTo(this.org.bob(), second), this.org.bob(),
					"Assigned", this.org.supportQueue(), "Initial");
			assertThat(queues().at("/queues/0/waiting")).isEmpty();
		}
	}

	@Test
	void whenNothingChangesInTheQueueThenNoPositionIsAnnouncedTwice() {
		try (PartnerSubscription subscription = subscribe(this.org.chat())) {
			Started first = startConversation(this.org.chat());
			Started second = startConversation(this.org.chat());
			ConversationEvents secondEvents = new ConversationEvents(subscription, second.conversationIdentifier());
			assertPosition(secondEvents.next(1).get(0), second, 2);

			// a message again, a presence change without effect, an unrelated conversation: the queue is as it was
			message(this.org.chat(), second.endUser(), "{}");
			presence(this.org.ada(), OmniOrg.BREAK);
			presence(this.org.ada(), OmniOrg.BREAK);
			Started other = startConversation(this.org.vip());
			assertPosition(new ConversationEvents(subscription, other.conversationIdentifier()).next(1).get(0), other, 1);
			this.queueEngine.route(this.org.orgId());

			// the next event of the conversation is the one this causes, not a repeated position
			assertStatus(post("/api/v1/messagingSession", this.org.chat(), """
					{"channelAddressIdentifier": "%s", "endUserClientId": "%s", "conversationIdentifier": "%s",
					 "sessionId": "%s", "operation": "Inactivate", "operationBy": "System"}""".formatted(
					this.org.chat().address(), second.endUser(), second.conversationIdentifier(),
					second.workItemId())), 200);
			assertInteraction(secondEvents.next(1).get(0), second, "SessionStatusChanged");
			assertThat(psrs(first)).singleElement().satisfies((psr) -> assertThat(psr.queuePosition()).isEqualTo(1));
			assertThat(psrs(second)).singleElement().satisfies((psr) -> assertThat(psr.queuePosition()).isEqualTo(2));
		}
	}

}
