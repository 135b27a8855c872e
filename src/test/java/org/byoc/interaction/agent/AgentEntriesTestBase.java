package org.byoc.interaction.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcServerPort;
import org.springframework.boot.test.web.server.LocalManagementPort;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.LegacySubscription;
import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerSubscription;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the entries the agent side sends as the partner's middleware (end users writing over the API), the agent
 * (the admin API on the management port) and the partner's subscriber (gRPC over TLS, org A's current topic) see
 * them, and compares each received event field by field with contract §D.4–§D.5.
 */
abstract class AgentEntriesTestBase extends PartnerApiTestBase {

	static final String AGENT = PartnerFixture.AGENT_A_ID;

	static final String AGENT_B = PartnerFixture.AGENT_B_ID;

	static final Duration WAIT = Duration.ofSeconds(15);

	private static final Map<String, String> tokens = new ConcurrentHashMap<>();

	@LocalManagementPort
	int managementPort;

	@LocalGrpcServerPort
	int grpcPort;

	PartnerSubscription subscription;

	@BeforeEach
	void subscribe() {
		this.subscription = PartnerSubscription.earliest(this.grpcPort, fixture.dataDir().resolve("tls/pubsub.crt"),
				token(fixture.partnerA()), fixture.partnerA().orgId(), "/event/BYOC_Outbound__e");
	}

	@AfterEach
	void unsubscribe() {
		this.subscription.close();
	}

	String token(PartnerFixture.App app) {
		return tokens.computeIfAbsent(app.consumerKey() + this.port, (key) -> accessToken(app));
	}

	LegacySubscription legacySubscription() {
		return LegacySubscription.earliest(this.grpcPort, fixture.dataDir().resolve("tls/pubsub.crt"),
				token(fixture.partnerA()), fixture.partnerA().orgId(), PartnerFixture.LEGACY_TOPIC);
	}

	/** An end user's text message on the app's channel; answers the conversation and the entry's id. */
	Written endUserWrites(PartnerFixture.App app, String from, String text) {
		String id = UUID.randomUUID().toString();
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": 1688190840000,
				 "interactionType": "EntryInteraction", "payload": {"id": "%s", "entryType": "Message",
				 "abstractMessage": {"messageType": "StaticContentMessage", "id": "%s",
				 "staticContent": {"formatType": "Text", "text": "%s"}}}}]}""".formatted(app.address(), from, id, id,
				text));
		HttpResponse<String> accepted = send(apiRequest("/api/v1/interactions", app, token(app))
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		return new Written(json(accepted).get("conversationIdentifier").asString(), id,
				json(accepted).get("workItemIds").get(0).asString());
	}

	HttpResponse<String> admin(String method, String path, String body) {
		return adminCall(this.managementPort, method, path, body);
	}

	/** An admin call on the conversation, expected to answer {@code status}. */
	JsonNode act(String conversation, String action, int status, String body) {
		HttpResponse<String> response = admin("POST", "/admin/api/conversations/" + conversation + "/" + action, body);
		assertThat(response.statusCode()).as(action + ": " + response.body()).isEqualTo(status);
		return json(response);
	}

	void agentJoins(String conversation, String userId) {
		act(conversation, "participants", 201, """
				{"userId": "%s", "operation": "add"}""".formatted(userId));
	}

	/** The conversation's events of the given entry types, once {@code count} of them arrived. */
	List<OutboundEvent> events(String conversation, int count, String... entryTypes) {
		List<String> types = List.of(entryTypes);
		return this.subscription.await(conversation, (e) -> types.contains(e.entryType()), count, WAIT);
	}

	/** Every event of the conversation that arrives within a moment: to show that nothing more came. */
	List<OutboundEvent> settled(String conversation) {
		try {
			return this.subscription.await(conversation, Integer.MAX_VALUE, Duration.ofSeconds(1));
		}
		catch (AssertionError ex) {
			return this.subscription.await(conversation, 0, Duration.ZERO);
		}
	}

	/** Registers Text and Attachments messages and progress indicators for the app's channel. */
	void registerProgressIndicators(PartnerFixture.App channel) {
		HttpResponse<String> registered = send(apiRequest("/api/v1/capabilities", channel, token(channel))
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("""
					{"capabilities": {"appType": "custom", "channelCapabilities": [{"channelType": "custom",
					 "messageTypeCapabilities": [{"messageType": "StaticContentMessage", "formatTypeCapabilities": [
					  {"formatType": "Text"}, {"formatType": "Attachments"}]}],
					 "progressIndicatorTypeCapabilities": [{"progressIndicatorType": "ProgressUpdateIndicator",
					  "formatTypeCapabilities": [{"formatType": "Text"}]}]}]}}"""))
			.build());
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
	}

	/** Uploads a PDF for the conversation (admin API), then removes its bytes from the store behind the service. */
	String uploadAndLose(String conversation, String fileName) {
		Multipart upload = Multipart.of().file("file", fileName, "application/pdf",
				"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes());
		HttpResponse<String> stored = send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.managementPort
					+ "/admin/api/attachments?conversationIdentifier=" + conversation))
			.header("Authorization", "Bearer " + fixture.adminToken())
			.header("Content-Type", upload.contentType())
			.POST(upload.publisher())
			.build());
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
		String attachment = json(stored).get("id").asString();
		try (Stream<Path> files = Files.walk(fixture.dataDir())) {
			Files.delete(files.filter((f) -> f.getFileName().toString().equals(attachment)).findFirst().orElseThrow());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return attachment;
	}

	/** The Interaction envelope every event of this conversation carries (§D.2): the end user is the recipient. */
	static void assertEnvelope(OutboundEvent event, String conversation, PartnerFixture.App app, String endUser) {
		assertThat(event.eventType()).isEqualTo("Interaction");
		assertThat(event.payload().get("conversationIdentifier").asString()).isEqualTo(conversation);
		assertThat(event.payload().get("channelAddressIdentifier").asString()).isEqualTo(app.address());
		assertThat(event.payload().get("recipient").toString()).isEqualTo(endUserJson(endUser));
		JsonNode entry = event.payload().get("payload");
		assertThat(entry.get("identifier").asString()).isEqualTo(entry.at("/entryPayload/id").asString());
		assertThat(entry.get("entryType").asString()).isEqualTo(entry.at("/entryPayload/entryType").asString());
		assertThat(entry.get("transcriptedTimestamp").asLong()).isPositive();
		assertThat(entry.get("clientTimestamp").asLong()).isPositive();
		assertThat(entry.get("clientDuration").asLong()).isZero();
	}

	static String endUserJson(String endUser) {
		return "{\"appType\":\"custom\",\"subject\":\"" + endUser + "\",\"role\":\"EndUser\"}";
	}

	static String agentJson(String userId) {
		return "{\"appType\":\"agent\",\"subject\":\"" + userId + "\",\"role\":\"Agent\"}";
	}

	static String newEndUser() {
		return "+1555" + UUID.randomUUID().toString().substring(0, 8);
	}

	static String uuid() {
		return UUID.randomUUID().toString();
	}

	static void assertRefused(HttpResponse<String> response, int status, int code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(json(response).get("code").asInt()).as(response.body()).isEqualTo(code);
		assertThat(json(response).get("message").asString()).isNotBlank();
	}

	/** A conversation an end user started, with their first entry and the work item. */
	record Written(String conversationIdentifier, String entryId, String workItemId) {
	}

}
