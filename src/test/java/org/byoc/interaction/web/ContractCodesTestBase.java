package org.byoc.interaction.web;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.web.server.LocalManagementPort;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the tests of the contract's less common codes share: a partner's JSON and multipart requests, an end
 * user's first message, the admin API, and the two refusal shapes (flat and the consent envelope).
 */
abstract class ContractCodesTestBase extends PartnerApiTestBase {

	private static final Map<String, String> tokens = new ConcurrentHashMap<>();

	@LocalManagementPort
	int managementPort;

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

	/** POST /api/v1/interactions with one EntryInteraction whose payload is {@code entry}, to the app's address. */
	HttpResponse<String> interaction(PartnerFixture.App app, String from, String entry) {
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": %d, "interactionType": "EntryInteraction",
				 "payload": %s}]}""".formatted(app.address(), from, System.currentTimeMillis(), entry));
		return send(apiRequest("/api/v1/interactions", app, token(app)).header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
	}

	/** The end user's first message on the app's address; answers the 202 body (conversation, work item). */
	JsonNode endUserWrites(PartnerFixture.App app, String from) {
		HttpResponse<String> accepted = interaction(app, from, textMessage(uuid(), "hello"));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		return json(accepted);
	}

	HttpResponse<String> consent(PartnerFixture.App app, String endUser, String address) {
		return call("PATCH", "/api/v1/consent", app, """
				{"endUserClientId": "%s", "channelAddressIdentifier": "%s", "consentStatus": "OptedOut"}"""
			.formatted(endUser, address));
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

	static void assertRefused(HttpResponse<String> response, int status, int code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(json(response).get("code").asInt()).as(response.body()).isEqualTo(code);
		assertThat(json(response).get("message").asString()).isNotBlank();
	}

	/** A refusal in the consent envelope: {@code {success: false, errorDetail: {code, message}}}. */
	static void assertRefusedInEnvelope(HttpResponse<String> response, int status, int code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode body = json(response);
		assertThat(body.get("success").asBoolean()).isFalse();
		assertThat(body.at("/errorDetail/code").asInt()).as(response.body()).isEqualTo(code);
		assertThat(body.at("/errorDetail/message").asString()).isNotBlank();
	}

}
