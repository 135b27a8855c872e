package org.byoc.interaction.routing;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcServerPort;
import org.springframework.boot.test.web.server.LocalManagementPort;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.routing.consent.Consents;
import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.routing.work.AgentWorks;
import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerSubscription;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives routing as a partner does (JSON calls with tokens from the real token endpoint) and as an agent does (the
 * admin API on the management port), and reads the stored state back through the modules' public faces.
 */
abstract class RoutingApiTestBase extends PartnerApiTestBase {

	private static final Map<String, String> tokens = new ConcurrentHashMap<>();

	/** The topic of every org A channel's outbound events in the fixture. */
	static final String TOPIC = "/event/BYOC_Outbound__e";

	@LocalManagementPort
	int managementPort;

	@LocalGrpcServerPort
	int grpcPort;

	@Autowired
	Conversations conversations;

	@Autowired
	Routings routings;

	@Autowired
	AgentWorks agentWorks;

	@Autowired
	Consents consents;

	static PartnerFixture.App partnerA() {
		return fixture.partnerA();
	}

	String token(PartnerFixture.App app) {
		return tokens.computeIfAbsent(app.consumerKey() + this.port, (key) -> accessToken(app));
	}

	HttpResponse<String> call(String method, String path, PartnerFixture.App app, String body) {
		HttpRequest.Builder request = apiRequest(path, app, token(app)).header("Content-Type", "application/json");
		return send(request.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody()).build());
	}

	HttpResponse<String> post(String path, PartnerFixture.App app, String body) {
		return call("POST", path, app, body);
	}

	/** An end user of the app's channel writes a first message: the conversation routing works on. */
	Started startConversation(PartnerFixture.App app) {
		return startConversation(app, "{}");
	}

	Started startConversation(PartnerFixture.App app, String routingAttributes) {
		String endUser = "+1555" + UUID.randomUUID().toString().substring(0, 8);
		return message(app, endUser, routingAttributes);
	}

	/** A text message from the end user; answers the conversation and work item it went to. */
	Started message(PartnerFixture.App app, String endUser, String routingAttributes) {
		String entryId = UUID.randomUUID().toString();
		String json = """
				{"to": "%s", "from": "%s", "routingAttributes": %s, "interactions": [
				 {"timestamp": 1688190840000, "interactionType": "EntryInteraction",
				  "payload": {"id": "%s", "entryType": "Message",
				   "abstractMessage": {"messageType": "StaticContentMessage", "id": "%s",
				    "staticContent": {"formatType": "Text", "text": "I need help"}}}}]}"""
			.formatted(app.address(), endUser, routingAttributes, entryId, entryId);
		Multipart body = Multipart.of().json(json);
		HttpResponse<String> response = send(apiRequest("/api/v1/interactions", app, token(app))
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		JsonNode answer = json(response);
		return new Started(app, endUser, answer.get("conversationIdentifier").asString(),
				answer.get("workItemIds").get(0).asString());
	}

	HttpResponse<String> route(Started conversation, String routingInfo) {
		String info = (routingInfo != null) ? ", \"routingInfo\": " + routingInfo : "";
		return post("/api/v1/route", conversation.app(), """
				{"conversationIdentifier": "%s", "routingType": "Initial"%s}"""
			.formatted(conversation.conversationIdentifier(), info));
	}

	/** A partner's Pub/Sub subscription (gRPC over TLS) to the app's org's outbound events. */
	PartnerSubscription subscribe(PartnerFixture.App app) {
		return PartnerSubscription.earliest(this.grpcPort, fixture.dataDir().resolve("tls/pubsub.crt"), token(app),
				app.orgId(), TOPIC);
	}

	HttpResponse<String> admin(String method, String path, String body) {
		return adminCall(this.managementPort, method, path, body);
	}

	/** An agent's action on the admin API, expected to succeed. */
	JsonNode agent(String method, String path, String body) {
		HttpResponse<String> response = admin(method, path, body);
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
		return json(response);
	}

	List<PendingServiceRouting> psrs(Started conversation) {
		return this.routings.routingsOf(conversation.app().orgId(), conversation.conversationIdentifier());
	}

	List<AgentWork> work(Started conversation) {
		return this.agentWorks.workOf(conversation.app().orgId(), conversation.conversationIdentifier());
	}

	static void assertRefused(HttpResponse<String> response, int status, int code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode body = json(response);
		assertThat(body.get("code").asInt()).as(response.body()).isEqualTo(code);
		assertThat(body.get("message").asString()).isNotBlank();
	}

	static String uuid() {
		return UUID.randomUUID().toString();
	}

	/** A conversation an end user started on the app's channel. */
	record Started(PartnerFixture.App app, String endUser, String conversationIdentifier, String workItemId) {
	}

}
