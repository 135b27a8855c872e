package org.byoc.interaction.routing;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/** POST and DELETE /api/v1/route through HTTP: contract checks §F 45–53 (and 8) with the PSRs they leave. */
class RouteApiTest extends RoutingApiTestBase {

	@Test
	void whenRoutedWithoutRoutingInfoThenTheChannelsRoutingOpensAPsr() {
		Started conversation = startConversation(partnerA());

		HttpResponse<String> response = route(conversation, null);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		JsonNode body = json(response);
		assertThat(body.get("success").asBoolean()).isTrue();
		assertThat(body.get("psrId").asString()).hasSize(15).startsWith("0JR");
		assertThat(body.get("workItemId").asString()).isEqualTo(conversation.workItemId());
		assertThat(body.get("routingCorrelationId").asString()).matches("[0-9a-f-]{36}");
		assertThat(body.at("/contextParamMap/queueId").asString()).isEqualTo(PartnerFixture.QUEUE_A);
		assertThat(psrs(conversation)).singleElement().satisfies((psr) -> {
			assertThat(psr.id()).isEqualTo(body.get("psrId").asString());
			assertThat(psr.status()).isEqualTo(PendingServiceRouting.Status.Open);
			assertThat(psr.origin()).isEqualTo(PendingServiceRouting.Origin.Route);
			assertThat(psr.routingType()).isEqualTo(RoutingType.Initial);
			assertThat(psr.queueId()).isEqualTo(PartnerFixture.QUEUE_A);
			assertThat(psr.flowId()).isNull();
			assertThat(psr.workItemId()).isEqualTo(conversation.workItemId());
			assertThat(psr.routingCorrelationId()).isEqualTo(body.get("routingCorrelationId").asString());
		});
	}

	@Test
	void whenRoutedToAFlowWithFallbackQueueThenThePsrKeepsFlowQueueAndDeclaredAttributes() {
		Started conversation = startConversation(partnerA());

		HttpResponse<String> response = route(conversation, """
				{"flow": {"flowId": "%s", "queueId": "%s"},
				 "routingAttributes": {"orderNumber": "A-1", "undeclared": "dropped"}}"""
			.formatted(PartnerFixture.FLOW_A, PartnerFixture.QUEUE_A));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(json(response).at("/contextParamMap/flowId").asString()).isEqualTo(PartnerFixture.FLOW_A);
		assertThat(psrs(conversation)).singleElement().satisfies((psr) -> {
			assertThat(psr.flowId()).isEqualTo(PartnerFixture.FLOW_A);
			assertThat(psr.queueId()).isEqualTo(PartnerFixture.QUEUE_A);
			assertThat(psr.routingAttributes()).isEqualTo(Map.of("orderNumber", "A-1"));
		});
	}

	@Test
	void whenAFlowLacksItsFallbackQueueOrItsFlowIdOrIsUnknownThenItIsRefusedWith10024() {
		Started conversation = startConversation(partnerA());
		assertRefused(route(conversation, "{\"flow\": {\"flowId\": \"%s\"}}".formatted(PartnerFixture.FLOW_A)), 400,
				10024);
		assertRefused(route(conversation, "{\"flow\": {\"queueId\": \"%s\"}}".formatted(PartnerFixture.QUEUE_A)), 400,
				10024);
		assertRefused(route(conversation,
				"{\"flow\": {\"flowId\": \"3005g000009None\", \"queueId\": \"%s\"}}".formatted(PartnerFixture.QUEUE_A)),
				400, 10024);
		assertThat(psrs(conversation)).isEmpty();
	}

	@Test
	void whenRoutedToAQueueThenThePsrNamesIt() {
		Started conversation = startConversation(partnerA());
		HttpResponse<String> response = route(conversation, "{\"queueId\": \"%s\"}".formatted(PartnerFixture.QUEUE_A));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(psrs(conversation)).singleElement()
			.satisfies((psr) -> assertThat(psr.queueId()).isEqualTo(PartnerFixture.QUEUE_A));
	}

	@Test
	void whenTheQueueIsUnknownOrAnotherOrgsThenItIsRefusedWith10032() {
		Started conversation = startConversation(partnerA());
		assertRefused(route(conversation, "{\"queueId\": \"00G5g000009None\"}"), 400, 10032);
		assertRefused(route(conversation, "{\"queueId\": \"00G5g000002QueB\"}"), 400, 10032);
		assertThat(psrs(conversation)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"routingAttributes\": {\"orderNumber\": \"1\"}}",
			"{\"flow\": {\"flowId\": \"3005g000001FloA\", \"queueId\": \"00G5g000001QueA\"}, \"queueId\": \"00G5g000001QueA\"}" })
	void whenRoutingInfoNamesNeitherOrBothOfFlowAndQueueThenItIsRefusedWith10030(String routingInfo) {
		Started conversation = startConversation(partnerA());
		assertRefused(route(conversation, routingInfo), 400, 10030);
		assertThat(psrs(conversation)).isEmpty();
	}

	@Test
	void whenARoutingAttributeIsLongerThanItsChannelVariableThenItIsRefusedWith10096() {
		Started conversation = startConversation(partnerA());
		assertRefused(route(conversation, """
				{"queueId": "%s", "routingAttributes": {"orderNumber": "12345678901"}}"""
			.formatted(PartnerFixture.QUEUE_A)), 400, 10096);
	}

	@Test
	void whenConferenceIsAskedOfAnOrgWithoutConferencingThenItIsRefusedWith10075() {
		Started conversation = startConversation(fixture.partnerC());
		assertRefused(post("/api/v1/route", fixture.partnerC(), """
				{"conversationIdentifier": "%s", "routingType": "Conference"}"""
			.formatted(conversation.conversationIdentifier())), 400, 10075);
		assertThat(psrs(conversation)).isEmpty();

		Started inA = startConversation(partnerA());
		HttpResponse<String> conference = post("/api/v1/route", partnerA(), """
				{"conversationIdentifier": "%s", "routingType": "Conference"}""".formatted(inA.conversationIdentifier()));
		assertThat(conference.statusCode()).as(conference.body()).isEqualTo(202);
		assertThat(psrs(inA)).singleElement()
			.satisfies((psr) -> assertThat(psr.routingType()).isEqualTo(RoutingType.Conference));
	}

	@Test
	void whenTheRoutingTypeIsUnknownThenItIsAValidationError() {
		Started conversation = startConversation(partnerA());
		assertRefused(post("/api/v1/route", partnerA(), """
				{"conversationIdentifier": "%s", "routingType": "Foo"}""".formatted(conversation.conversationIdentifier())),
				400, 10089);
	}

	@Test
	void whenTheConversationIsUnknownThenPostAndDeleteAreRefusedWith10018() {
		String unknown = uuid();
		assertRefused(post("/api/v1/route", partnerA(), """
				{"conversationIdentifier": "%s", "routingType": "Initial"}""".formatted(unknown)), 400, 10018);
		assertRefused(call("DELETE", "/api/v1/route", partnerA(), """
				{"conversationIdentifier": "%s"}""".formatted(unknown)), 400, 10018);
	}

	@Test
	void whenAnotherOrgsConversationIsRoutedOrClearedThenItIsUnknownAndUntouched() {
		Started inB = startConversation(fixture.partnerB());
		assertThat(route(inB, null).statusCode()).isEqualTo(202);

		HttpResponse<String> routed = post("/api/v1/route", partnerA(), """
				{"conversationIdentifier": "%s", "routingType": "Initial"}""".formatted(inB.conversationIdentifier()));
		assertRefused(routed, 400, 10018);
		assertThat(routed.body()).doesNotContain(inB.workItemId());
		assertRefused(call("DELETE", "/api/v1/route", partnerA(), """
				{"conversationIdentifier": "%s"}""".formatted(inB.conversationIdentifier())), 400, 10018);
		// another channel of the same org is as foreign as another org
		assertRefused(post("/api/v1/route", fixture.salesforceRoutedA(), """
				{"conversationIdentifier": "%s", "routingType": "Initial"}"""
			.formatted(startConversation(partnerA()).conversationIdentifier())), 400, 10018);

		assertThat(psrs(inB)).singleElement().satisfies((psr) -> assertThat(psr.isOpen()).isTrue());
	}

	@Test
	void whenRoutedAgainThenTheNewPsrReplacesTheOpenOne() {
		Started conversation = startConversation(partnerA());
		String first = json(route(conversation, null)).get("psrId").asString();
		String second = json(route(conversation, "{\"queueId\": \"%s\"}".formatted(PartnerFixture.QUEUE_A)))
			.get("psrId").asString();

		assertThat(psrs(conversation)).satisfiesExactly((psr) -> {
			assertThat(psr.id()).isEqualTo(first);
			assertThat(psr.status()).isEqualTo(PendingServiceRouting.Status.Canceled);
		}, (psr) -> {
			assertThat(psr.id()).isEqualTo(second);
			assertThat(psr.status()).isEqualTo(PendingServiceRouting.Status.Open);
		});
	}

	@Test
	void whenTheOpenPsrIsDeletedThenItIsCanceledAndASecondDeleteFindsNothing() {
		Started conversation = startConversation(partnerA());
		route(conversation, null);

		HttpResponse<String> deleted = call("DELETE", "/api/v1/route", partnerA(), """
				{"conversationIdentifier": "%s"}""".formatted(conversation.conversationIdentifier()));

		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(202);
		assertThat(json(deleted).get("success").asBoolean()).isTrue();
		assertThat(psrs(conversation)).singleElement().satisfies((psr) -> {
			assertThat(psr.status()).isEqualTo(PendingServiceRouting.Status.Canceled);
			assertThat(psr.closedAt()).isNotNull();
		});
		HttpResponse<String> again = call("DELETE", "/api/v1/route", partnerA(), """
				{"conversationIdentifier": "%s"}""".formatted(conversation.conversationIdentifier()));
		assertThat(again.statusCode()).isEqualTo(202);
		assertThat(json(again).get("success").asBoolean()).isFalse();
	}

	@Test
	void whenDeletedWithACancelReasonThenTheReasonIsKeptWhereTheOrgSupportsIt() {
		Started conversation = startConversation(partnerA());
		route(conversation, null);
		HttpResponse<String> declined = call("DELETE", "/api/v1/route", partnerA(), """
				{"conversationIdentifier": "%s", "cancelReason": "Decline"}"""
			.formatted(conversation.conversationIdentifier()));
		assertThat(declined.statusCode()).as(declined.body()).isEqualTo(202);
		assertThat(psrs(conversation)).singleElement()
			.satisfies((psr) -> assertThat(psr.cancelReason()).isEqualTo("Decline"));

		assertRefused(call("DELETE", "/api/v1/route", partnerA(), """
				{"conversationIdentifier": "%s", "cancelReason": "Bogus"}"""
			.formatted(conversation.conversationIdentifier())), 400, 10089);

		Started inC = startConversation(fixture.partnerC());
		assertThat(post("/api/v1/route", fixture.partnerC(), """
				{"conversationIdentifier": "%s", "routingType": "Initial"}""".formatted(inC.conversationIdentifier()))
			.statusCode()).isEqualTo(202);
		assertRefused(call("DELETE", "/api/v1/route", fixture.partnerC(), """
				{"conversationIdentifier": "%s", "cancelReason": "Decline"}""".formatted(inC.conversationIdentifier())),
				400, 10076);
		assertThat(psrs(inC)).singleElement().satisfies((psr) -> assertThat(psr.isOpen()).isTrue());
	}

	@Test
	void whenTheBodyIsEmptyThenRouteAndDeleteAreRefusedWith10100() {
		assertRefused(post("/api/v1/route", partnerA(), null), 400, 10100);
		assertRefused(post("/api/v1/route", partnerA(), "  "), 400, 10100);
		assertRefused(call("DELETE", "/api/v1/route", partnerA(), null), 400, 10100);
	}

}
