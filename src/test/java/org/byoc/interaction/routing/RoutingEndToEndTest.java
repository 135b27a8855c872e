package org.byoc.interaction.routing;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;
import org.byoc.interaction.support.PartnerSubscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A whole partner-routed conversation, driven through the partner API and the agent's admin API, with every
 * outbound event read by a partner's Pub/Sub subscriber over gRPC and checked by content: inbound message,
 * /route, /agentWork with the PSR (RoutingWorkResult Assigned), the agent accepts (ParticipantChanged,
 * RoutingResult, RoutingWorkResult Accepted), transfers (TransferProgress Requested, RoutingRequested with the
 * eventId), /agentWork with that routingCorrelationId, the next agent accepts (the first one's work ends as
 * Transferred, TransferProgress Completed), and /messagingSession End (ParticipantChanged, SessionStatusChanged,
 * RoutingWorkResult Closed).
 */
class RoutingEndToEndTest extends RoutingApiTestBase {

	static final String ADA = PartnerFixture.AGENT_A_ID;

	static final String BOB = PartnerFixture.AGENT_B_ID;

	@Test
	void whenAPartnerRoutedConversationIsRoutedAcceptedTransferredAndEndedThenThePartnerHearsEveryStep() {
		PartnerFixture.App partner = partnerA();
		try (PartnerSubscription subscription = subscribe(partner)) {
			Started conversation = startConversation(partner, "{\"orderNumber\": \"A-42\"}");
			ConversationEvents events = new ConversationEvents(subscription, conversation.conversationIdentifier());

			JsonNode routed = json(route(conversation, null));
			assertThat(routed.get("success").asBoolean()).isTrue();
			String psrId = routed.get("psrId").asString();

			HttpResponse<String> assigned = post("/api/v1/agentWork", partner, """
					{"userId": "%s", "workItemId": "%s"}""".formatted(ADA, conversation.workItemId()));
			assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(202);
			assertThat(json(assigned).at("/agentWorkDetails/psrId").asString()).isEqualTo(psrId);
			String adasWork = json(assigned).get("agentWorkId").asString();
			assertWorkResult(events.next(1).get(0), conversation, adasWork, ADA, "Assigned", PartnerFixture.QUEUE_A,
					"Initial");

			agent("POST", "/admin/api/orgs/%s/agents/%s/work/%s/accept".formatted(partner.orgKey(), ADA, adasWork),
					null);

			List<OutboundEvent> accepted = events.next(3);
			assertInteraction(accepted.get(0), conversation, "ParticipantChanged");
			assertThat(accepted.get(0).payload().at("/payload/sender/subject").asString()).isEqualTo(ADA);
			JsonNode joined = accepted.get(0).entryPayload().get("entries");
			assertThat(joined).singleElement().satisfies((entry) -> {
				assertThat(entry.get("operation").asString()).isEqualTo("add");
				assertThat(entry.at("/participant/appType").asString()).isEqualTo("agent");
				assertThat(entry.at("/participant/subject").asString()).isEqualTo(ADA);
				assertThat(entry.at("/participant/role").asString()).isEqualTo("Agent");
				assertThat(entry.get("displayName").asString()).isEqualTo("Agent A");
			});
			assertInteraction(accepted.get(1), conversation, "RoutingResult");
			JsonNode result = accepted.get(1).entryPayload();
			assertThat(result.get("failureType").asString()).isEqualTo("None");
			assertThat(result.get("routingType").asString()).isEqualTo("Initial");
			assertThat(result.get("errorMessages")).isEmpty();
			assertThat(result.get("recordId").asString()).isEqualTo(conversation.workItemId());
			assertThat(result.get("pendingServiceRoutingId").asString()).isEqualTo(psrId);
			assertThat(result.get("workOwnerId").asString()).isEqualTo(ADA);
			assertThat(result.get("isExternallyRouted").asBoolean()).isFalse();
			assertThat(result.at("/routingConfigurationDetails/routingConfigurationType").asString())
				.isEqualTo("QueueRoutingType");
			assertThat(result.at("/routingConfigurationDetails/queueId").asString()).isEqualTo(PartnerFixture.QUEUE_A);
			assertWorkResult(accepted.get(2), conversation, adasWork, ADA, "Accepted", PartnerFixture.QUEUE_A,
					"Initial");
			assertThat(accepted.get(2).payload().at("/payload/sender/subject").asString()).isEqualTo(ADA);

			JsonNode transfer = agent("POST", "/admin/api/orgs/%s/agents/%s/conversations/%s/transfer"
				.formatted(partner.orgKey(), ADA, conversation.conversationIdentifier()),
					"{\"queueId\": \"%s\"}".formatted(PartnerFixture.QUEUE_A));

			List<OutboundEvent> transferring = events.next(2);
			assertInteraction(transferring.get(0), conversation, "TransferProgress");
			JsonNode progress = transferring.get(0).entryPayload();
			assertThat(progress.get("transferStatus").asString()).isEqualTo("Requested");
			assertThat(progress.get("pendingServiceRoutingId").asString()).isEqualTo(transfer.get("psrId").asString());
			assertThat(progress.get("workItemId").asString()).isEqualTo(conversation.workItemId());
			assertThat(progress.get("routingType").asString()).isEqualTo("Transfer");
			assertThat(progress.get("errorMessages")).isEmpty();
			assertThat(progress.at("/routingConfigurationDetails/routingConfigurationType").asString())
				.isEqualTo("QueueRoutingType");
			assertThat(progress.at("/routingConfigurationDetails/queueId").asString()).isEqualTo(PartnerFixture.QUEUE_A);
			assertThat(transferring.get(0).payload().at("/payload/sender/subject").asString()).isEqualTo(ADA);
			OutboundEvent requested = transferring.get(1);
			assertThat(requested.eventType()).isEqualTo("RoutingRequested");
			assertThat(requested.payload().get("channelAddressIdentifier").asString()).isEqualTo(partner.address());
			assertThat(requested.payload().at("/recipient/subject").asString()).isEqualTo(conversation.endUser());
			assertThat(requested.payload().at("/recipient/role").asString()).isEqualTo("EndUser");
			JsonNode routing = requested.payload().get("payload");
			assertThat(routing.get("conversationIdentifier").asString()).isEqualTo(conversation.conversationIdentifier());
			assertThat(routing.get("routingType").asString()).isEqualTo("Transfer");
			assertThat(routing.get("workRecordId").asString()).isEqualTo(conversation.workItemId());
			assertThat(routing.at("/routingParameters/queueId").asString()).isEqualTo(PartnerFixture.QUEUE_A);
			assertThat(routing.at("/routingParameters/isTransfer").asBoolean()).isTrue();
			JsonNode channelData = json.readTree(routing.at("/routingParameters/channelData").asString());
			String eventId = channelData.get("eventId").asString();
			assertThat(eventId).isEqualTo(transfer.get("routingCorrelationId").asString());
			assertThat(channelData.get("routerParticipantSubject").asString()).isEqualTo(ADA);
			assertThat(channelData.get("routingType").asString()).isEqualTo("Transfer");
			assertThat(channelData.get("conversationId").asString()).isEqualTo(conversation.conversationIdentifier());

			HttpResponse<String> transferred = post("/api/v1/agentWork", partner, """
					{"userId": "%s", "workItemId": "%s", "capacityWeight": 1,
					 "routingContext": {"conversationIdentifier": "%s", "routingType": "Transfer",
					  "routingCorrelationId": "%s"}}""".formatted(BOB, conversation.workItemId(),
					conversation.conversationIdentifier(), eventId));
			assertThat(transferred.statusCode()).as(transferred.body()).isEqualTo(202);
			assertThat(json(transferred).at("/agentWorkDetails/existPsr").asBoolean()).isTrue();
			assertThat(json(transferred).at("/agentWorkDetails/psrId").asString())
				.isEqualTo(transfer.get("psrId").asString());
			String bobsWork = json(transferred).get("agentWorkId").asString();
			assertWorkResult(events.next(1).get(0), conversation, bobsWork, BOB, "Assigned", PartnerFixture.QUEUE_A,
					"Transfer");
			agent("POST", "/admin/api/orgs/%s/agents/%s/work/%s/accept".formatted(partner.orgKey(), BOB, bobsWork),
					null);

			List<OutboundEvent> handedOver = events.next(5);
			assertInteraction(handedOver.get(0), conversation, "ParticipantChanged");
			assertThat(handedOver.get(0).entryPayload().get("entries")).satisfiesExactly((left) -> {
				assertThat(left.get("operation").asString()).isEqualTo("remove");
				assertThat(left.at("/participant/subject").asString()).isEqualTo(ADA);
			}, (joinedToo) -> {
				assertThat(joinedToo.get("operation").asString()).isEqualTo("add");
				assertThat(joinedToo.at("/participant/subject").asString()).isEqualTo(BOB);
				assertThat(joinedToo.get("displayName").asString()).isEqualTo("Agent B");
			});
			assertInteraction(handedOver.get(1), conversation, "RoutingResult");
			assertThat(handedOver.get(1).entryPayload().get("routingType").asString()).isEqualTo("Transfer");
			assertThat(handedOver.get(1).entryPayload().get("workOwnerId").asString()).isEqualTo(BOB);
			assertThat(handedOver.get(1).entryPayload().get("pendingServiceRoutingId").asString())
				.isEqualTo(transfer.get("psrId").asString());
			assertWorkResult(handedOver.get(2), conversation, bobsWork, BOB, "Accepted", PartnerFixture.QUEUE_A,
					"Transfer");
			assertWorkResult(handedOver.get(3), conversation, adasWork, ADA, "Transferred", PartnerFixture.QUEUE_A,
					"Initial");
			assertInteraction(handedOver.get(4), conversation, "TransferProgress");
			assertThat(handedOver.get(4).entryPayload().get("transferStatus").asString()).isEqualTo("Completed");
			assertThat(handedOver.get(4).entryPayload().get("pendingServiceRoutingId").asString())
				.isEqualTo(transfer.get("psrId").asString());
			assertThat(handedOver.get(4).payload().at("/payload/sender/subject").asString()).isEqualTo(BOB);

			HttpResponse<String> ended = post("/api/v1/messagingSession", partner, """
					{"channelAddressIdentifier": "%s", "endUserClientId": "%s", "conversationIdentifier": "%s",
					 "operation": "End", "operationBy": "EndUser"}""".formatted(partner.address(), conversation.endUser(),
					conversation.conversationIdentifier()));
			assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
			assertThat(json(ended).get("success").asBoolean()).isTrue();

			List<OutboundEvent> closing = events.next(3);
			assertInteraction(closing.get(0), conversation, "ParticipantChanged");
			assertThat(closing.get(0).payload().at("/payload/sender/role").asString()).isEqualTo("EndUser");
			assertThat(closing.get(0).entryPayload().get("entries")).singleElement().satisfies((left) -> {
				assertThat(left.get("operation").asString()).isEqualTo("remove");
				assertThat(left.at("/participant/subject").asString()).isEqualTo(BOB);
			});
			assertInteraction(closing.get(1), conversation, "SessionStatusChanged");
			JsonNode status = closing.get(1).entryPayload();
			MessagingSession session = this.conversations.session(conversation.workItemId()).orElseThrow();
			assertThat(status.get("conversationIdentifier").asString()).isEqualTo(conversation.conversationIdentifier());
			assertThat(status.get("channelAddressIdentifier").asString()).isEqualTo(partner.address());
			assertThat(status.get("sessionId").asString()).isEqualTo(conversation.workItemId());
			assertThat(status.get("sessionStatus").asString()).isEqualTo("Ended");
			assertThat(status.get("sessionStatusPrev").asString()).isEqualTo("Active");
			assertThat(status.get("sessionStartTime").asLong()).isEqualTo(session.startedAt().toEpochMilli());
			assertThat(status.get("sessionEndTime").asLong()).isEqualTo(session.endedAt().toEpochMilli());
			assertThat(status.get("sessionEndedByRole").asString()).isEqualTo("EndUser");
			assertWorkResult(closing.get(2), conversation, bobsWork, BOB, "Closed", PartnerFixture.QUEUE_A,
					"Transfer");
			assertThat(closing.get(2).entryPayload().get("errorMessages")).singleElement()
				.satisfies((message) -> assertThat(message.asString()).contains("session ended"));

			// the reps' comings and goings are in the transcript too, with the ids of their events
			assertThat(this.conversations.transcript(conversation.conversationIdentifier()))
				.extracting(TranscriptEntry::entryType)
				.containsExactly("Message", "ParticipantChanged", "ParticipantChanged", "ParticipantChanged");
			assertThat(this.conversations.transcript(conversation.conversationIdentifier()).get(1).entryId())
				.isEqualTo(accepted.get(0).payload().at("/payload/identifier").asString());

			assertThat(work(conversation)).extracting(AgentWork::userId, AgentWork::status).containsExactly(
					tuple(ADA, AgentWork.Status.Closed),
					tuple(BOB, AgentWork.Status.Closed));
			assertThat(psrs(conversation)).extracting(PendingServiceRouting::status)
				.containsExactly(PendingServiceRouting.Status.Completed, PendingServiceRouting.Status.Completed);
		}
	}

	/** A RoutingWorkResult of the conversation, field by field; {@code queueId} null when none is expected. */
	static void assertWorkResult(OutboundEvent event, Started conversation, String workId, String userId,
			String workType, String queueId, String routingType) {
		assertInteraction(event, conversation, "RoutingWorkResult");
		JsonNode result = event.entryPayload();
		assertThat(result.get("workId").asString()).as(event.toString()).isEqualTo(workId);
		assertThat(result.get("workTargetId").asString()).as(event.toString()).isEqualTo(userId);
		assertThat(result.get("workType").asString()).as(event.toString()).isEqualTo(workType);
		assertThat(result.get("errorMessages").isArray()).isTrue();
		if (queueId != null) {
			assertThat(result.get("queueId").asString()).as(event.toString()).isEqualTo(queueId);
		}
		else {
			assertThat(result.has("queueId")).as(event.toString()).isFalse();
		}
		assertThat(result.get("routingType").asString()).as(event.toString()).isEqualTo(routingType);
		assertThat(result.has("agentSessionId") || result.has("botId") || result.has("agentGroupIds")).isFalse();
	}

	/** An Interaction event of the conversation, to its end user, whose entry has this type. */
	static void assertInteraction(OutboundEvent event, Started conversation, String entryType) {
		assertThat(event.eventType()).as(event.toString()).isEqualTo("Interaction");
		assertThat(event.entryType()).as(event.toString()).isEqualTo(entryType);
		JsonNode envelope = event.payload();
		assertThat(envelope.get("conversationIdentifier").asString()).isEqualTo(conversation.conversationIdentifier());
		assertThat(envelope.get("channelAddressIdentifier").asString()).isEqualTo(conversation.app().address());
		assertThat(envelope.at("/recipient/appType").asString()).isEqualTo("custom");
		assertThat(envelope.at("/recipient/subject").asString()).isEqualTo(conversation.endUser());
		assertThat(envelope.at("/recipient/role").asString()).isEqualTo("EndUser");
		JsonNode entry = envelope.get("payload");
		assertThat(entry.get("identifier").asString()).isEqualTo(entry.at("/entryPayload/id").asString());
		assertThat(entry.at("/entryPayload/entryType").asString()).isEqualTo(entryType);
		assertThat(entry.get("transcriptedTimestamp").asLong()).isPositive();
		assertThat(entry.get("clientDuration").asLong()).isZero();
	}

}
