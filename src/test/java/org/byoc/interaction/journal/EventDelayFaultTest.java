package org.byoc.interaction.journal;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcServerPort;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerSubscription;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code delayEvents} rule lets the service accept the call and answer it, but its outbound events reach the
 * partner's Pub/Sub subscriber only after the rule's delay; none is lost, and without the rule they come promptly.
 */
class EventDelayFaultTest extends JournalTestBase {

	private static final long DELAY_MILLIS = 2500;

	@LocalGrpcServerPort
	int grpcPort;

	@Test
	void whenEventsAreDelayedThenTheSubscriberReceivesThemNoSoonerThanTheDelayAndWithoutTheRulePromptly() {
		PartnerFixture.App app = fixture.consentA();
		String token = accessToken(app);
		String endUser = endUser();
		HttpResponse<String> first = message(app, token, endUser);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
		String conversation = json(first).get("conversationIdentifier").asString();
		try (PartnerSubscription subscription = PartnerSubscription.earliest(this.grpcPort,
				fixture.dataDir().resolve("tls/pubsub.crt"), token, app.orgId(), "/event/BYOC_Outbound__e")) {
			fault(PartnerFixture.ORG_A_KEY, """
					{"id": "slow-events", "path": "/api/v1/interactions", "action": "delayEvents", "latencyMillis": %d,
					 "times": 1}""".formatted(DELAY_MILLIS));

			long delayedSent = System.nanoTime();
			HttpResponse<String> optOut = text(app, token, endUser, "STOP");
			long delayedAnswered = System.nanoTime();
			List<OutboundEvent> delayed = subscription.await(conversation, (e) -> consent(e, "OptOut"), 1,
					Duration.ofSeconds(15));
			long delayedArrived = System.nanoTime();

			long promptSent = System.nanoTime();
			HttpResponse<String> optIn = text(app, token, endUser, "START");
			subscription.await(conversation, (e) -> consent(e, "OptIn"), 1, Duration.ofSeconds(15));
			long promptArrived = System.nanoTime();

			assertThat(optOut.statusCode()).as(optOut.body()).isEqualTo(202);
			assertThat(optIn.statusCode()).as(optIn.body()).isEqualTo(202);
			assertThat(millis(delayedAnswered - delayedSent)).as("the call itself is not held").isLessThan(DELAY_MILLIS);
			assertThat(millis(delayedArrived - delayedSent)).isGreaterThanOrEqualTo(DELAY_MILLIS);
			assertThat(delayed).singleElement();
			assertThat(millis(promptArrived - promptSent)).as("without the rule").isLessThan(DELAY_MILLIS);
		}
		JsonNode injected = journal(PartnerFixture.ORG_A_KEY, "?finding=slow-events");
		assertThat(injected.get("total").asInt()).isEqualTo(1);
		assertThat(injected.get("requests").get(0).get("status").asString()).isEqualTo("202");
	}

	/** An end user's text message, sent now. */
	private HttpResponse<String> text(PartnerFixture.App app, String token, String endUser, String text) {
		String id = java.util.UUID.randomUUID().toString();
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "%s", "interactions": [
				 {"timestamp": %d, "interactionType": "EntryInteraction",
				  "payload": {"id": "%s", "entryType": "Message",
				   "abstractMessage": {"messageType": "StaticContentMessage", "id": "%s",
				    "staticContent": {"formatType": "Text", "text": "%s"}}}}]}"""
			.formatted(app.address(), endUser, System.currentTimeMillis(), id, id, text));
		return send(apiRequest("/api/v1/interactions", app, token).header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
	}

	private static boolean consent(OutboundEvent event, String status) {
		return event.payload().toString().contains("EndUserConsentUpdated")
				&& event.payload().toString().contains(status);
	}

	private static long millis(long nanos) {
		return Duration.ofNanos(nanos).toMillis();
	}

}
