package org.byoc.interaction.conversation;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerSubscription;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/conversation} over HTTP (contract §B7, check 56): establishing a conversation before the end
 * user wrote, idempotently, and an agent writing first.
 */
class ProactiveConversationApiTest extends ConversationApiTestBase {

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void whenAValidCallIsRepeatedThenBothAnswerTheSameConversationAndSession() {
		String endUser = newEndUser();
		List<ConversationEstablished> published = new java.util.concurrent.CopyOnWriteArrayList<>();
		ApplicationListener<ApplicationEvent> listener = (event) -> {
			if (event instanceof PayloadApplicationEvent<?> payload
					&& payload.getPayload() instanceof ConversationEstablished established) {
				published.add(established);
			}
		};
		this.context.addApplicationListener(listener);
		HttpResponse<String> first;
		HttpResponse<String> second;
		try {
			first = establish(fixture.partnerA().address(), endUser, ", \"routingAttributes\": "
					+ "{\"orderNumber\": \"A-1\", \"undeclared\": \"dropped\"}");
			second = establish(fixture.partnerA().address(), endUser, "");
		}
		finally {
			this.context.removeApplicationListener(listener);
		}
		assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
		assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
		JsonNode answer = json(first);
		assertThat(answer.get("success").asBoolean()).isTrue();
		assertThat(json(second).get("conversationIdentifier").asString())
			.isEqualTo(answer.get("conversationIdentifier").asString());
		assertThat(json(second).get("messagingSessionId").asString())
			.isEqualTo(answer.get("messagingSessionId").asString());

		Conversation stored = this.conversations.find(PartnerFixture.ORG_A_ID, fixture.partnerA().address(), endUser)
			.orElseThrow();
		assertThat(stored.conversationIdentifier()).isEqualTo(answer.get("conversationIdentifier").asString());
		assertThat(stored.currentSessionId()).isEqualTo(answer.get("messagingSessionId").asString())
			.startsWith("0Mw")
			.hasSize(15);
		assertThat(this.conversations.session(stored.currentSessionId()).orElseThrow().status())
			.isEqualTo(MessagingSession.Status.Active);
		assertThat(this.conversations.transcript(stored.conversationIdentifier())).isEmpty();

		List<ConversationEstablished> established = published.stream()
			.filter((e) -> e.conversation().conversationIdentifier().equals(stored.conversationIdentifier()))
			.toList();
		assertThat(established).extracting(ConversationEstablished::created).containsExactly(true, false);
		assertThat(established.get(0).routingAttributes()).containsExactly(java.util.Map.entry("orderNumber", "A-1"));
	}

	@Test
	void whenAConversationIsEstablishedThenAnAgentReplyReachesTheSubscriberBeforeTheEndUserEverWrote() {
		String endUser = newEndUser();
		HttpResponse<String> established = establish(fixture.partnerA().address(), endUser, "");
		assertThat(established.statusCode()).as(established.body()).isEqualTo(202);
		String conversation = json(established).get("conversationIdentifier").asString();

		String reply = agentReplies(conversation, "Your order has shipped");
		try (PartnerSubscription subscription = subscribe()) {
			OutboundEvent event = subscription.await(conversation, 1, Duration.ofSeconds(10)).get(0);
			assertThat(event.eventType()).isEqualTo("Interaction");
			assertThat(event.payload().at("/recipient/subject").asString()).isEqualTo(endUser);
			assertThat(event.payload().at("/payload/identifier").asString()).isEqualTo(reply);
			assertThat(event.entryPayload().at("/abstractMessage/staticContent/text").asString())
				.isEqualTo("Your order has shipped");
		}
		assertThat(this.conversations.transcript(conversation)).extracting((e) -> e.sender().role())
			.containsExactly("Agent");
	}

	@Test
	void whenParticipantsAreEmptyOrMoreThanOneThen10053AndNothingIsCreated() {
		String address = fixture.partnerA().address();
		int before = conversationsOn(address);
		assertRefused(call("POST", "/api/v1/conversation", fixture.partnerA(), """
				{"channelAddressIdentifier": "%s", "participants": []}""".formatted(address)), 400, 10053);
		assertRefused(call("POST", "/api/v1/conversation", fixture.partnerA(), """
				{"channelAddressIdentifier": "%s"}""".formatted(address)), 400, 10053);
		assertRefused(call("POST", "/api/v1/conversation", fixture.partnerA(), """
				{"channelAddressIdentifier": "%s", "participants": [%s, %s]}""".formatted(address,
				endUser(newEndUser()), endUser(newEndUser()))), 400, 10053);
		assertThat(conversationsOn(address)).isEqualTo(before);
	}

	@Test
	void whenTheParticipantIsNotAnEndUserThenItsCodeAndNothingIsCreated() {
		String endUser = newEndUser();
		String address = fixture.partnerA().address();
		assertRefused(withParticipant(address, "{\"appType\": \"agent\", \"subject\": \"" + endUser
				+ "\", \"role\": \"EndUser\"}"), 400, 10037);
		assertRefused(withParticipant(address, "{\"appType\": \"custom\", \"subject\": \"" + endUser
				+ "\", \"role\": \"Agent\"}"), 400, 10038);
		assertRefused(withParticipant(address, "{\"appType\": \"custom\", \"subject\": \" \", \"role\": \"EndUser\"}"),
				400, 10054);
		assertRefused(withParticipant(address, "{\"appType\": \"custom\", \"subject\": \"" + "9".repeat(256)
				+ "\", \"role\": \"EndUser\"}"), 400, 10054);
		assertThat(this.conversations.find(PartnerFixture.ORG_A_ID, address, endUser)).isEmpty();
	}

	@Test
	void whenTheChannelAddressIsMissingUnknownInactiveOrAnotherChannelsThenItsCode() {
		String endUser = newEndUser();
		assertRefused(call("POST", "/api/v1/conversation", fixture.partnerA(), """
				{"participants": [%s]}""".formatted(endUser(endUser))), 400, 10052);
		assertRefused(establish("no-such-address", endUser, ""), 400, 10017);
		assertRefused(establish(fixture.partnerA().inactiveAddress(), endUser, ""), 400, 10031);
		assertRefused(establish(fixture.reportingA().address(), endUser, ""), 403, 10001);
		assertRefused(establish(fixture.partnerA().address(), endUser, ", \"routingAttributes\": {\"orderNumber\": \""
				+ "x".repeat(11) + "\"}"), 400, 10096);
		assertRefused(call("POST", "/api/v1/conversation", fixture.partnerA(), ""), 400, 10100);
		assertThat(this.conversations.find(PartnerFixture.ORG_A_ID, fixture.partnerA().address(), endUser)).isEmpty();
	}

	private HttpResponse<String> establish(String address, String endUser, String extra) {
		return call("POST", "/api/v1/conversation", fixture.partnerA(), """
				{"channelAddressIdentifier": "%s", "participants": [%s]%s}""".formatted(address, endUser(endUser), extra));
	}

	private HttpResponse<String> withParticipant(String address, String participant) {
		return call("POST", "/api/v1/conversation", fixture.partnerA(), """
				{"channelAddressIdentifier": "%s", "participants": [%s]}""".formatted(address, participant));
	}

	private int conversationsOn(String address) {
		return this.conversations.search(PartnerFixture.ORG_A_ID, address, null, 1000, 0).size();
	}

	private static String endUser(String subject) {
		return "{\"appType\": \"custom\", \"subject\": \"" + subject + "\", \"role\": \"EndUser\"}";
	}

}
