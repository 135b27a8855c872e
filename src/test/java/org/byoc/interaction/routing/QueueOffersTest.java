package org.byoc.interaction.routing;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.OmniOrg;
import org.byoc.interaction.support.PartnerSubscription;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.byoc.interaction.routing.RoutingEndToEndTest.assertInteraction;
import static org.byoc.interaction.routing.RoutingEndToEndTest.assertWorkResult;

/**
 * Whom the router offers work to, and in which order: status tied to the channel, queue membership, the Partner
 * Messaging permission, capacity, queue priority, least busy then longest idle; declines; transfers on a
 * Salesforce-routed channel; and the agent's presence through the admin API, bad bodies included.
 */
class QueueOffersTest extends QueueRoutingTestBase {

	@Test
	void whenTheAgentsStatusDoesNotServeTheChannelOrIsBusyThenTheWorkWaits() {
		Started chat = startConversation(this.org.chat());
		presence(this.org.ada(), OmniOrg.VIP_ONLY);
		presence(this.org.bob(), OmniOrg.BREAK);
		assertThat(activeWork(this.org.ada())).isEmpty();
		assertThat(activeWork(this.org.bob())).isEmpty();

		Started vip = startConversation(this.org.vip());
		offeredTo(this.org.ada(), vip);
		assertThat(queues().at("/queues/0/waiting/0/conversationIdentifier").asString())
			.isEqualTo(chat.conversationIdentifier());
	}

	@Test
	void whenAnAgentLacksThePermissionOrIsNoMemberOfTheQueueThenTheyAreNeverOffered() {
		presence(this.org.cleo(), OmniOrg.AVAILABLE);
		presence(this.org.dora(), OmniOrg.AVAILABLE);
		Started chat = startConversation(this.org.chat());
		assertThat(activeWork(this.org.cleo())).isEmpty();
		assertThat(activeWork(this.org.dora())).isEmpty();

		presence(this.org.bob(), OmniOrg.AVAILABLE);
		offeredTo(this.org.bob(), chat);
	}

	@Test
	void whenCapacityFreesUpThenTheHigherPriorityQueueIsServedFirst() {
		presence(this.org.ada(), OmniOrg.AVAILABLE);
		Started busy = startConversation(this.org.chat());
		String busyWork = offeredTo(this.org.ada(), busy);
		Started support = startConversation(this.org.chat());
		Started vip = startConversation(this.org.vip());

		agent("POST", workPath(this.org.ada(), busyWork, "decline"), null);

		// the VIP queue (routing priority 1) goes before Support (2), though Support's work waited longer
		offeredTo(this.org.ada(), vip);
		assertThat(activeWork(this.org.ada())).hasSize(1);
		assertThat(queues().get("queues")).filteredOn((queue) -> queue.get("name").asString().equals("Support"))
			.singleElement()
			.satisfies((queue) -> assertThat(queue.get("waiting"))
				.extracting((item) -> item.get("conversationIdentifier").asString())
				.containsExactly(busy.conversationIdentifier(), support.conversationIdentifier()));
	}

	@Test
	void whenSeveralAgentsAreFreeThenTheLeastBusyAndThenTheLongestIdleIsOffered() {
		presence(this.org.ada(), OmniOrg.AVAILABLE);
		presence(this.org.bob(), OmniOrg.AVAILABLE);
		// both free: Ada has waited longer (her status changed first)
		Started first = startConversation(this.org.chat());
		offeredTo(this.org.ada(), first);
		// Ada is full: Bob
		Started second = startConversation(this.org.chat());
		offeredTo(this.org.bob(), second);

		// the partner's router gives Ada more than her capacity: the vendor lets it, the router offers her nothing
		HttpResponse<String> beyond = post("/api/v1/agentWork", this.org.partner(), """
				{"userId": "%s", "workItemId": "%s"}""".formatted(this.org.ada(), route(startConversation(
				this.org.partner()))));
		assertStatus(beyond, 202);
		assertThat(agent("GET", presencePath(this.org.ada()), null).get("capacityInUse").asDouble()).isEqualTo(2.0);
		Started third = startConversation(this.org.chat());
		assertThat(queues().at("/queues/0/waiting/0/conversationIdentifier").asString())
			.isEqualTo(third.conversationIdentifier());
	}

	@Test
	void whenAnAgentDeclinesThenTheWorkGoesToTheNextAgentAndNeverBackToThem() {
		try (PartnerSubscription subscription = subscribe(this.org.chat())) {
			presence(this.org.ada(), OmniOrg.AVAILABLE);
			Started chat = startConversation(this.org.chat());
			ConversationEvents events = new ConversationEvents(subscription, chat.conversationIdentifier());
			String adas = offeredTo(this.org.ada(), chat);
			events.next(1);

			agent("POST", workPath(this.org.ada(), adas, "decline"), null);

			assertWorkResult(events.next(1).get(0), chat, adas, this.org.ada(), "Declined", this.org.supportQueue(),
					"Initial");
			assertPosition(events.next(1).get(0), chat, 1);
			assertThat(activeWork(this.org.ada())).isEmpty();
			presence(this.org.bob(), OmniOrg.AVAILABLE);
			String bobs = offeredTo(this.org.bob(), chat);
			assertWorkResult(events.next(1).get(0), chat, bobs, this.org.bob(), "Assigned", this.org.supportQueue(),
					"Initial");
		}
	}

	@Test
	void whenAnAgentTransfersToAnAgentWhoDeclinesThenTheTransferFailsAndTheConversationStays() {
		try (PartnerSubscription subscription = subscribe(this.org.chat())) {
			presence(this.org.ada(), OmniOrg.AVAILABLE);
			presence(this.org.bob(), OmniOrg.AVAILABLE);
			Started chat = startConversation(this.org.chat());
			ConversationEvents events = new ConversationEvents(subscription, chat.conversationIdentifier());
			String adas = offeredTo(this.org.ada(), chat);
			agent("POST", workPath(this.org.ada(), adas, "accept"), null);
			events.next(4);

			JsonNode transfer = agent("POST", "/admin/api/orgs/%s/agents/%s/conversations/%s/transfer".formatted(
					this.org.orgId(), this.org.ada(), chat.conversationIdentifier()),
					"{\"userId\": \"%s\"}".formatted(this.org.bob()));
			List<OutboundEvent> offered = events.next(2);
			assertInteraction(offered.get(0), chat, "TransferProgress");
			assertThat(offered.get(0).entryPayload().get("transferStatus").asString()).isEqualTo("Requested");
			String bobs = offeredTo(this.org.bob(), chat);
			assertWorkResult(offered.get(1), chat, bobs, this.org.bob(), "Assigned", null, "Transfer");

			agent("POST", workPath(this.org.bob(), bobs, "decline"), null);

			List<OutboundEvent> failed = events.next(3);
			assertWorkResult(failed.get(0), chat, bobs, this.org.bob(), "Declined", null, "Transfer");
			assertInteraction(failed.get(1), chat, "TransferProgress");
			JsonNode progress = failed.get(1).entryPayload();
			assertThat(progress.get("transferStatus").asString()).isEqualTo("Failed");
			assertThat(progress.get("pendingServiceRoutingId").asString()).isEqualTo(transfer.get("psrId").asString());
			assertThat(progress.get("errorMessages").get(0).asString()).contains("declined the transfer");
			assertThat(progress.at("/routingConfigurationDetails/agentId").asString()).isEqualTo(this.org.bob());
			assertWorkResult(failed.get(2), chat, adas, this.org.ada(), "TransferError", this.org.supportQueue(),
					"Initial");
			assertThat(activeWork(this.org.ada())).singleElement()
				.satisfies((work) -> assertThat(work.get("status").asString()).isEqualTo("Opened"));
			assertThat(psrs(chat)).extracting(PendingServiceRouting::status)
				.containsExactly(PendingServiceRouting.Status.Completed, PendingServiceRouting.Status.Failed);
		}
	}

	@Test
	void whenAnAgentTransfersToTheQueueThenAnotherAgentGetsItAndTheFirstOnesWorkEndsAsTransferred() {
		try (PartnerSubscription subscription = subscribe(this.org.chat())) {
			presence(this.org.ada(), OmniOrg.AVAILABLE);
			Started chat = startConversation(this.org.chat());
			ConversationEvents events = new ConversationEvents(subscription, chat.conversationIdentifier());
			String adas = offeredTo(this.org.ada(), chat);
			agent("POST", workPath(this.org.ada(), adas, "accept"), null);
			events.next(4);

			agent("POST", "/admin/api/orgs/%s/agents/%s/conversations/%s/transfer".formatted(this.org.orgId(),
					this.org.ada(), chat.conversationIdentifier()),
					"{\"queueId\": \"%s\"}".formatted(this.org.supportQueue()));
			// Ada still has the conversation: it waits for somebody else
			assertThat(events.next(2)).extracting(OutboundEvent::entryType)
				.containsExactly("TransferProgress", "QueuePosition");
			presence(this.org.bob(), OmniOrg.AVAILABLE);
			String bobs = offeredTo(this.org.bob(), chat);
			events.next(1);
			agent("POST", workPath(this.org.bob(), bobs, "accept"), null);

			List<OutboundEvent> handedOver = events.next(5);
			assertThat(handedOver).extracting(OutboundEvent::entryType).containsExactly("ParticipantChanged",
					"RoutingResult", "RoutingWorkResult", "RoutingWorkResult", "TransferProgress");
			assertWorkResult(handedOver.get(3), chat, adas, this.org.ada(), "Transferred", this.org.supportQueue(),
					"Initial");
			assertThat(handedOver.get(4).entryPayload().get("transferStatus").asString()).isEqualTo("Completed");
			assertThat(agent("GET", presencePath(this.org.ada()), null).get("capacityInUse").asDouble()).isZero();
		}
	}

	@Test
	void whenPresenceIsSetThenItIsReadBackAndBadBodiesAreRefusedWithoutAChange() {
		String path = presencePath(this.org.ada());
		JsonNode offline = agent("GET", path, null);
		assertThat(offline.get("status").asString()).isEqualTo("Offline");
		assertThat(offline.get("kind").asString()).isEqualTo("Offline");
		assertThat(offline.get("capacity").asInt()).isEqualTo(1);

		JsonNode available = agent("PUT", path, "{\"status\": \"%s\"}".formatted(OmniOrg.AVAILABLE));
		assertThat(available.get("statusId").asString()).isEqualTo(this.org.status(OmniOrg.AVAILABLE));
		assertThat(available.get("kind").asString()).isEqualTo("Online");
		assertThat(available.get("channels")).hasSize(4);
		assertThat(available.get("since").asLong()).isPositive();

		for (String bad : List.of("", "[]", "{", "\"x\"", "{}", "{\"statusId\": 5}", "{\"status\": \" \"}",
				"{\"statusId\": \"0N5000000000000\"}", "{\"status\": \"Lunch\"}",
				"{\"status\": \"Offline\", \"statusId\": \"%s\"}".formatted(this.org.status(OmniOrg.BREAK)),
				"{\"status\": \"Offline\", \"mood\": \"happy\"}")) {
			HttpResponse<String> refused = admin("PUT", path, bad);
			assertThat(refused.statusCode()).as(bad + " -> " + refused.body()).isEqualTo(400);
			assertThat(json(refused).get("message").asString()).isNotBlank();
		}
		assertRefused(admin("PUT", presencePath("005000000000000"), "{\"status\": \"Offline\"}"), 400, 15106);
		assertRefused(admin("PUT", "/admin/api/orgs/00D000000000000/agents/%s/presence".formatted(this.org.ada()),
				"{\"status\": \"Offline\"}"), 400, 10089);
		assertRefused(admin("GET", presencePath("005000000000000"), null), 400, 15106);
		assertRefused(admin("GET", "/admin/api/orgs/00D000000000000/queues", null), 400, 10089);
		assertRefused(admin("GET", "/admin/api/orgs/00D000000000000/agents", null), 400, 10089);
		assertThat(agent("GET", path, null).get("statusId").asString())
			.isEqualTo(this.org.status(OmniOrg.AVAILABLE));

		assertThat(agent("PUT", path, "{\"status\": \"Offline\"}").get("status").asString()).isEqualTo("Offline");
		assertThat(agent("GET", "/admin/api/orgs/%s/agents".formatted(this.org.orgId()), null).get("agents"))
			.hasSize(5)
			.allSatisfy((agent) -> assertThat(agent.get("status").asString()).isEqualTo("Offline"));
	}

	/** Routes the conversation (POST /route, the channel's queue); answers its work item. */
	private String route(Started conversation) {
		assertStatus(route(conversation, null), 202);
		return conversation.workItemId();
	}

}
