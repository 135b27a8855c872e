package org.byoc.interaction.pubsub;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcServerPort;
import org.springframework.boot.test.web.server.LocalManagementPort;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PubSubTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Managed subscriptions on the shared partner fixture: created through the admin API (management port), fed by an
 * end user writing and an agent replying through the real interfaces, read over TLS gRPC.
 */
abstract class ManagedSubscriptionTestBase extends PartnerApiTestBase {

	static final String TOPIC = "/event/BYOC_Outbound__e";

	@LocalGrpcServerPort
	int grpcPort;

	@LocalManagementPort
	int managementPort;

	PubSubTestClient grpc() {
		return PubSubTestClient.connect("localhost", this.grpcPort, fixture.dataDir().resolve("tls/pubsub.crt"));
	}

	io.grpc.Metadata grpcAuth(PartnerFixture.App app) {
		return PubSubTestClient.auth(accessToken(app), app.orgId());
	}

	HttpResponse<String> admin(String method, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort + path))
			.header("Authorization", "Bearer " + fixture.adminToken());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return send(request
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build());
	}

	static String uniqueName(String prefix) {
		return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	/** Creates a managed subscription of org A on the demo topic; answers its view (id, names, replay presets). */
	JsonNode createManaged(String developerName, String extraFields) {
		HttpResponse<String> created = admin("POST", "/admin/api/orgs/" + fixture.partnerA().orgKey()
				+ "/managedSubscriptions", """
				{"developerName": "%s", "topicName": "%s"%s}""".formatted(developerName, TOPIC,
				(extraFields == null) ? "" : ", " + extraFields));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return json(created);
	}

	/** An end user of org A's partner channel writes; answers the conversation identifier. */
	String endUserWrites(String from) {
		PartnerFixture.App partner = fixture.partnerA();
		String id = UUID.randomUUID().toString();
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": 1, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "Message", "abstractMessage": {"messageType":
				 "StaticContentMessage", "id": "%s", "staticContent": {"formatType": "Text", "text": "help"}}}}]}"""
			.formatted(partner.address(), from, id, id));
		HttpResponse<String> accepted = send(apiRequest("/api/v1/interactions", partner, accessToken(partner))
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		return json(accepted).get("conversationIdentifier").asString();
	}

	/** The agent replies through the admin API: one outbound Interaction event whose payload carries the text. */
	void agentReplies(String conversation, String text) {
		HttpResponse<String> reply = admin("POST", "/admin/api/conversations/" + conversation + "/messages", """
				{"senderUserId": "%s", "text": "%s"}""".formatted(PartnerFixture.AGENT_A_ID, text));
		assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
	}

	/** Whether the event's Avro payload carries the text (Avro strings are plain UTF-8 in the datum). */
	static boolean carries(com.salesforce.eventbus.protobuf.ConsumerEvent event, String text) {
		return event.getEvent().getPayload().toStringUtf8().contains(text);
	}

}
