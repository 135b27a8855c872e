package org.byoc.interaction.routing;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.support.OmniOrg;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;
import org.byoc.interaction.support.PartnerSubscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.byoc.interaction.routing.RoutingEndToEndTest.assertInteraction;

/**
 * What the contact center checks before the partner's router may give a rep work (POST /api/v1/agentWork, contract
 * §B2) in an org that models presence: 15104, 15105, 15108, 15112, 15103, 25005, each refused before anything is
 * written; and a conference forming (ParticipantsConferenced).
 */
class AgentWorkChecksTest extends QueueRoutingTestBase {

	@Test
	void whenTheAgentIsOfflineOrInAStatusNotServingTheChannelThenItIsRefusedWith15112() {
		Started conversation = routed(this.org.partner());
		assertRefused(assign(conversation, this.org.ada()), 400, 15112);
		presence(this.org.ada(), OmniOrg.VIP_ONLY);
		assertRefused(assign(conversation, this.org.ada()), 400, 15112);
		presence(this.org.ada(), OmniOrg.BREAK);
		HttpResponse<String> busy = assign(conversation, this.org.ada());
		assertRefused(busy, 400, 15112);
		assertThat(json(busy).get("message").asString()).contains(OmniOrg.BREAK);
		assertThat(work(conversation)).isEmpty();

		presence(this.org.ada(), OmniOrg.AVAILABLE);
		assertThat(assign(conversation, this.org.ada()).statusCode()).isEqualTo(202);
	}

	@Test
	void whenTheUserLacksThePartnerMessagingPermissionThenItIsRefusedWith15105() {
		presence(this.org.cleo(), OmniOrg.AVAILABLE);
		Started conversation = routed(this.org.partner());
		assertRefused(assign(conversation, this.org.cleo()), 400, 15105);
		assertThat(work(conversation)).isEmpty();
	}

	@Test
	void whenNoStatusServesTheChannelThenItIsRefusedWith15108() {
		presence(this.org.ada(), OmniOrg.AVAILABLE);
		Started conversation = routed(this.org.unserved());
		assertRefused(assign(conversation, this.org.ada()), 400, 15108);
		assertThat(work(conversation)).isEmpty();
	}

	@Test
	void whenTheChannelIsNotLinkedToAContactCenterThenItIsRefusedWith15104() {
		presence(this.org.ada(), OmniOrg.AVAILABLE);
		Started conversation = routed(this.org.noContactCenter());
		assertRefused(assign(conversation, this.org.ada()), 400, 15104);
		assertThat(work(conversation)).isEmpty();
	}

	@Test
	void whenTheEndUserOptedOutThenItIsRefusedWith15103UntilTheyOptInAgain() {
		presence(this.org.ada(), OmniOrg.AVAILABLE);
		Started conversation = routed(this.org.partner());
		consent(conversation, "OptedOut");
		assertRefused(assign(conversation, this.org.ada()), 400, 15103);
		assertThat(work(conversation)).isEmpty();

		consent(conversation, "ExplicitlyOptedIn");
		assertThat(assign(conversation, this.org.ada()).statusCode()).isEqualTo(202);
	}

	@Test
	void whenTheSetupNoLongerHasTheEndUsersChannelAddressThenItIsRefusedWith25005() {
		presence(this.org.ada(), OmniOrg.AVAILABLE);
		Started conversation = routed(this.org.partner());
		this.org.moveAddress(fixture, this.managementPort, this.org.partner());

		HttpResponse<String> refused = assign(conversation, this.org.ada());

		assertRefused(refused, 500, 25005);
		assertThat(json(refused).get("message").asString()).contains(conversation.endUser())
			.contains(this.org.partner().address());
		assertThat(work(conversation)).isEmpty();
	}

	@Test
	void whenASecondAgentAcceptsAConferenceRoutingThenParticipantsConferencedNamesBoth() {
		presence(this.org.ada(), OmniOrg.AVAILABLE);
		presence(this.org.bob(), OmniOrg.AVAILABLE);
		try (PartnerSubscription subscription = subscribe(this.org.partner())) {
			Started conversation = routed(this.org.partner());
			ConversationEvents events = new ConversationEvents(subscription, conversation.conversationIdentifier());
			String adas = json(assign(conversation, this.org.ada())).get("agentWorkId").asString();
			agent("POST", workPath(this.org.ada(), adas, "accept"), null);
			events.next(4);

			String psrId = json(post("/api/v1/route", this.org.partner(), """
					{"conversationIdentifier": "%s", "routingType": "Conference"}"""
				.formatted(conversation.conversationIdentifier()))).get("psrId").asString();
			String bobs = json(assign(conversation, this.org.bob())).get("agentWorkId").asString();
			agent("POST", workPath(this.org.bob(), bobs, "accept"), null);

			List<OutboundEvent> joined = events.next(5);
			assertThat(joined).extracting(OutboundEvent::entryType).containsExactly("RoutingWorkResult",
					"ParticipantChanged", "RoutingResult", "RoutingWorkResult", "ParticipantsConferenced");
			OutboundEvent conference = joined.get(4);
			assertInteraction(conference, conversation, "ParticipantsConferenced");
			JsonNode payload = conference.entryPayload();
			assertThat(payload.get("pendingServiceRoutingId").asString()).isEqualTo(psrId);
			assertThat(payload.get("participants")).extracting((p) -> p.get("subject").asString())
				.containsExactly(this.org.ada(), this.org.bob());
			assertThat(payload.get("participants")).allSatisfy((p) -> {
				assertThat(p.get("appType").asString()).isEqualTo("agent");
				assertThat(p.get("role").asString()).isEqualTo("Agent");
			});
			assertThat(conference.payload().at("/payload/sender/subject").asString()).isEqualTo(this.org.bob());
			// both stay in the conversation
			assertThat(work(conversation)).extracting(AgentWork::status)
				.containsExactly(AgentWork.Status.Opened, AgentWork.Status.Opened);
		}
	}

	@Test
	void whenTheOrgModelsNoPresenceThenAnyUserMayBeAssigned() {
		Started conversation = startConversation(partnerA());
		route(conversation, null);
		assertThat(assign(conversation, PartnerFixture.AGENT_B_ID).statusCode()).isEqualTo(202);
	}

	/** A conversation on the channel, routed by the partner to the channel's queue. */
	private Started routed(PartnerFixture.App channel) {
		Started conversation = startConversation(channel);
		assertStatus(route(conversation, null), 202);
		return conversation;
	}

	private HttpResponse<String> assign(Started conversation, String userId) {
		return post("/api/v1/agentWork", conversation.app(), """
				{"userId": "%s", "workItemId": "%s"}""".formatted(userId, conversation.workItemId()));
	}

	private void consent(Started conversation, String status) {
		assertStatus(call("PATCH", "/api/v1/consent", conversation.app(), """
				{"endUserClientId": "%s", "channelAddressIdentifier": "%s", "consentStatus": "%s"}"""
			.formatted(conversation.endUser(), conversation.app().address(), status)), 200);
	}

}
