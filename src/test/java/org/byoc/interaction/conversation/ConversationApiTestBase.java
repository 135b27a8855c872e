package org.byoc.interaction.conversation;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcServerPort;
import org.springframework.boot.test.web.server.LocalManagementPort;

import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerSubscription;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the endpoints beyond the first four as partner middleware and bot middleware do (tokens from the real
 * token endpoint), and the agent's side through the admin API on the management port.
 */
abstract class ConversationApiTestBase extends PartnerApiTestBase {

	static final String AGENT = "0055g00000AAgtA";

	static final String BOT_CONTEXT_TYPE = "ExternalConversationParticipant";

	private static final Map<String, String> tokens = new ConcurrentHashMap<>();

	@LocalManagementPort
	int managementPort;

	@LocalGrpcServerPort
	int grpcPort;

	@Autowired
	Conversations conversations;

	String token(PartnerFixture.App app) {
		return tokens.computeIfAbsent(app.consumerKey() + "/" + this.port, (key) -> accessToken(app));
	}

	/** A JSON request as the app; {@code headers} are name, value pairs added to the four standard ones. */
	HttpResponse<String> call(String method, String path, PartnerFixture.App app, String body, String... headers) {
		HttpRequest.Builder request = apiRequest(path, app, token(app));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return send(request
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build());
	}

	/** A call of the bot integration's middleware: {@code AuthorizationContextType: ExternalConversationParticipant}. */
	HttpResponse<String> botCall(String method, String path, String body) {
		return call(method, path, fixture.botA(), body, "AuthorizationContextType", BOT_CONTEXT_TYPE);
	}

	HttpResponse<String> botMultipart(String path, PartnerFixture.App bot, Multipart body) {
		return send(apiRequest(path, bot, token(bot)).header("AuthorizationContextType", BOT_CONTEXT_TYPE)
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
	}

	/** An admin API call on the management port (admin token). */
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

	/** The agent replies through the admin API; answers the reply's entry id. */
	String agentReplies(String conversationIdentifier, String text) {
		HttpResponse<String> sent = admin("POST", "/admin/api/conversations/" + conversationIdentifier + "/messages",
				"""
						{"senderUserId": "%s", "text": "%s"}""".formatted(AGENT, text));
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
		return json(sent).get("identifier").asString();
	}

	/** The end user writes a text through POST /interactions on the app's channel; answers the conversation id. */
	String endUserWrites(PartnerFixture.App app, String from, String entryId, String text) {
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": %d, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "Message", "abstractMessage": {"messageType":
				 "StaticContentMessage", "id": "%s", "staticContent": {"formatType": "Text", "text": "%s"}}}}]}"""
			.formatted(app.address(), from, System.currentTimeMillis(), entryId, entryId, text));
		HttpResponse<String> accepted = send(apiRequest("/api/v1/interactions", app, token(app))
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		return json(accepted).get("conversationIdentifier").asString();
	}

	PartnerSubscription subscribe() {
		return PartnerSubscription.earliest(this.grpcPort, fixture.dataDir().resolve("tls/pubsub.crt"),
				token(fixture.partnerA()), fixture.partnerA().orgId(), "/event/BYOC_Outbound__e");
	}

	static void assertRefused(HttpResponse<String> response, int status, int code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(json(response).get("code").asInt()).as(response.body()).isEqualTo(code);
		assertThat(json(response).get("message").asString()).isNotBlank();
	}

	/** A refusal in the success envelope: {@code {success: false, errorDetail: {code, message}}}. */
	static void assertRefusedInEnvelope(HttpResponse<String> response, int status, int code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode body = json(response);
		assertThat(body.get("success").asBoolean()).isFalse();
		assertThat(body.at("/errorDetail/code").asInt()).as(response.body()).isEqualTo(code);
		assertThat(body.at("/errorDetail/message").asString()).isNotBlank();
	}

	static String textMessage(String id, String text) {
		return """
				{"entryType": "Message", "id": "%s", "abstractMessage": {"messageType": "StaticContentMessage",
				 "id": "%s", "staticContent": {"formatType": "Text", "text": "%s"}}}""".formatted(id, id, text);
	}

	static String newEndUser() {
		return "+1555" + UUID.randomUUID().toString().substring(0, 8);
	}

	static String uuid() {
		return UUID.randomUUID().toString();
	}

	static long minutesAgo(long minutes) {
		return System.currentTimeMillis() - Duration.ofMinutes(minutes).toMillis();
	}

}
