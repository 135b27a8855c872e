package org.byoc.interaction.web;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcServerPort;
import org.springframework.boot.test.web.server.LocalManagementPort;

import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerSubscription;

import static org.assertj.core.api.Assertions.assertThat;

/** Operators' numbers on /actuator/prometheus, tagged by org and type, after real partner and agent traffic. */
class MetricsTest extends PartnerApiTestBase {

	@LocalManagementPort
	int managementPort;

	@LocalGrpcServerPort
	int grpcPort;

	@Test
	void whenTrafficFlowsThenPrometheusShowsInteractionsFilesEventsSubscribersAndLag() {
		String token = accessToken(fixture.partnerA());
		String org = fixture.partnerA().orgKey();
		String id = UUID.randomUUID().toString();
		HttpResponse<String> accepted = post(token, Multipart.of().json(message(id, "metrics")));
		assertThat(accepted.statusCode()).isEqualTo(202);
		assertThat(post(token, Multipart.of().json(message(UUID.randomUUID().toString(), "x".repeat(0))
			.replace("\"text\": \"\"", "\"bogus\": 1"))).statusCode()).isEqualTo(400);
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3 };
		assertThat(post(token, Multipart.of().json("""
				{"to": "%s", "from": "+15550009999", "interactions": [{"timestamp": 1, "interactionType":
				 "AttachmentInteraction", "id": "%s", "attachmentIndex": 0, "contentLength": %d}]}"""
			.formatted(fixture.partnerA().address(), UUID.randomUUID(), png.length))
			.file("attachments", "m.png", "image/png", png)).statusCode()).isEqualTo(202);
		String conversation = json(accepted).get("conversationIdentifier").asString();

		try (PartnerSubscription subscription = PartnerSubscription.earliest(this.grpcPort,
				fixture.dataDir().resolve("tls/pubsub.crt"), token, fixture.partnerA().orgId(),
				"/event/BYOC_Outbound__e")) {
			HttpResponse<String> reply = send(management("/admin/api/conversations/" + conversation + "/messages")
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("""
						{"senderUserId": "0055g00000AAgtA", "text": "counted"}"""))
				.build());
			assertThat(reply.statusCode()).isEqualTo(201);
			subscription.await(conversation, 1, Duration.ofSeconds(10));

			String metrics = send(management("/actuator/prometheus").build()).body();
			assertThat(metrics)
				.contains("interactionservice_interactions_total{code=\"0\",org=\"" + org
						+ "\",outcome=\"accepted\",type=\"Message\"}")
				.contains("interactionservice_interactions_total{code=\"10045\",org=\"" + org
						+ "\",outcome=\"refused\",type=\"unknown\"}")
				.contains("interactionservice_attachments_bytes_count{mimeType=\"image/png\",org=\"" + org + "\"}")
				.contains("interactionservice_events_appended_total{eventType=\"Interaction\",org=\"" + org
						+ "\",topic=\"/event/BYOC_Outbound__e\"}")
				.contains("interactionservice_pubsub_subscribers{org=\"" + org + "\",topic=\"/event/BYOC_Outbound__e\"}")
				.contains("interactionservice_events_delivery_lag_seconds_count{org=\"" + org
						+ "\",topic=\"/event/BYOC_Outbound__e\"}");
		}
	}

	private HttpResponse<String> post(String token, Multipart body) {
		return send(apiRequest("/api/v1/interactions", fixture.partnerA(), token)
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
	}

	private HttpRequest.Builder management(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort + path))
			.header("Authorization", "Bearer " + fixture.adminToken());
	}

	private static String message(String id, String text) {
		return """
				{"to": "%s", "from": "+15550008888", "interactions": [{"timestamp": 1, "interactionType":
				 "EntryInteraction", "payload": {"id": "%s", "entryType": "Message", "abstractMessage": {"messageType":
				 "StaticContentMessage", "id": "%s", "staticContent": {"formatType": "Text", "text": "%s"}}}}]}"""
			.formatted(fixture.partnerA().address(), id, id, text);
	}

}
