package org.byoc.interaction.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of tests that drive the service over HTTP as a partner does, on the {@link PartnerFixture} setup. Every
 * subclass shares one application context (same configuration), started on random ports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class PartnerApiTestBase {

	protected static final PartnerFixture fixture = PartnerFixture.shared();

	protected static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	protected static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void partnerSetup(DynamicPropertyRegistry registry) {
		fixture.register(registry);
	}

	protected String baseUrl() {
		return "http://localhost:" + this.port;
	}

	/** POSTs a form to the token endpoint with every value URL-encoded, as curl --data-urlencode does. */
	protected HttpResponse<String> requestToken(String grantType, String assertion) {
		return postTokenForm("grant_type=" + encode(grantType) + "&assertion=" + encode(assertion));
	}

	protected HttpResponse<String> postTokenForm(String body) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/services/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/** A fresh access token for the app's integration user, obtained through the token endpoint. */
	protected String accessToken(PartnerFixture.App app) {
		HttpResponse<String> response = requestToken(PartnerFixture.JWT_BEARER, fixture.assertion(app));
		if (response.statusCode() != 200) {
			throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
		}
		return json(response).get("access_token").asString();
	}

	/** An API request with all four headers good for the app; tests then change or drop one. */
	protected HttpRequest.Builder apiRequest(String path, PartnerFixture.App app, String accessToken) {
		return HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("Authorization", "Bearer " + accessToken)
			.header("OrgId", app.orgKey())
			.header("AuthorizationContext", app.channel())
			.header("RequestId", UUID.randomUUID().toString());
	}

	/**
	 * An admin API call on the management port with the fixture's admin token, always declaring a JSON body (a
	 * POST without one then meets the endpoint's missing-body refusal, not a media-type one).
	 */
	protected static HttpResponse<String> adminCall(int managementPort, String method, String path, String body) {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path))
			.header("Authorization", "Bearer " + fixture.adminToken())
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody())
			.build());
	}

	protected static HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	protected static JsonNode json(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	protected static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
