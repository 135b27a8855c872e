package org.byoc.interaction.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.support.AdminKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management port's admin security, driven over HTTP on both ports with tokens from the real
 * generate_admin_key.sh.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AdminPortSecurityTest {

	static final Path WORK = AdminKeys.freshDir("admin-security");

	static final Path KEYS = WORK.resolve("keys");

	static final Path OTHER_KEYS = WORK.resolve("other-keys");

	static final String TOKEN = AdminKeys.tokenFor(KEYS, "1h");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int apiPort;

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("interactionservice.data-dir", () -> WORK.resolve("data").toString());
		registry.add("interactionservice.admin.public-key", () -> KEYS.resolve("admin_public.pem").toString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
	void whenHealthIsAskedWithoutTokenThenItAnswersUp(String path) throws Exception {
		HttpResponse<String> response = get(this.managementPort, path, null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).path("status").asString()).isEqualTo("UP");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/prometheus", "/actuator/info", "/actuator/metrics", "/actuator" })
	void whenAdminTokenIsSentThenActuatorAnswers(String path) throws Exception {
		HttpResponse<String> response = get(this.managementPort, path, TOKEN);

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void whenPrometheusIsScrapedWithAdminTokenThenItServesMetrics() throws Exception {
		HttpResponse<String> response = get(this.managementPort, "/actuator/prometheus", TOKEN);

		assertThat(response.body()).contains("jvm_memory_used_bytes");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/prometheus", "/actuator/info", "/actuator/metrics", "/actuator",
			"/admin/api/setup", "/admin/api/nothing-here" })
	void whenNoTokenIsSentThenRefusedWith401(String path) throws Exception {
		HttpResponse<String> response = get(this.managementPort, path, null);

		assertRefused(response, "Authorization: Bearer");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"admin\"");
	}

	@Test
	void whenAuthorizationIsNotBearerThenRefusedWith401() throws Exception {
		HttpResponse<String> response = send(this.managementPort, "/actuator/prometheus",
				b -> b.header("Authorization", "Basic YWRtaW46YWRtaW4="));

		assertRefused(response, "Authorization: Bearer");
	}

	@Test
	void whenTokenIsNotAJwtThenRefusedWith401() throws Exception {
		assertRefused(get(this.managementPort, "/actuator/prometheus", "not-a-token"), "not a signed JWT");
	}

	@Test
	void whenTokenHasExpiredThenRefusedWith401() throws Exception {
		String expired = AdminKeys.mint(KEYS, "admin", "admin", Instant.now().minusSeconds(3600));

		assertRefused(get(this.managementPort, "/actuator/prometheus", expired), "expired");
	}

	@Test
	void whenTokenHasNoExpiryThenRefusedWith401() throws Exception {
		String eternal = AdminKeys.mint(KEYS, "admin", "admin", null);

		assertRefused(get(this.managementPort, "/actuator/prometheus", eternal), "no expiry");
	}

	@Test
	void whenTokenIsSignedByAnotherKeyThenRefusedWith401() throws Exception {
		String foreign = AdminKeys.tokenFor(OTHER_KEYS, "1h");

		assertRefused(get(this.managementPort, "/admin/api/setup", foreign), "not signed with the admin key");
	}

	@Test
	void whenTokenSignatureIsTamperedThenRefusedWith401() throws Exception {
		String[] parts = TOKEN.split("\\.");
		String otherClaims = AdminKeys.mint(KEYS, "admin", "admin", Instant.now().plusSeconds(86400)).split("\\.")[1];

		assertRefused(get(this.managementPort, "/actuator/prometheus", parts[0] + "." + otherClaims + "." + parts[2]),
				"not signed with the admin key");
	}

	@Test
	void whenTokenIsUnsignedThenRefusedWith401() throws Exception {
		String claims = TOKEN.split("\\.")[1];
		String none = "eyJhbGciOiJub25lIn0." + claims + ".";

		assertRefused(get(this.managementPort, "/actuator/prometheus", none), "401");
	}

	@Test
	void whenTokenLacksAdminScopeOrSubjectThenRefusedWith401() throws Exception {
		Instant later = Instant.now().plusSeconds(3600);

		assertRefused(get(this.managementPort, "/actuator/prometheus", AdminKeys.mint(KEYS, "admin", "user", later)),
				"not an admin token");
		assertRefused(get(this.managementPort, "/actuator/prometheus", AdminKeys.mint(KEYS, "admin", null, later)),
				"not an admin token");
		assertRefused(get(this.managementPort, "/actuator/prometheus", AdminKeys.mint(KEYS, "ada", "admin", later)),
				"not an admin token");
	}

	@Test
	void whenPathClimbsOutOfHealthThenTheTargetStillNeedsAToken() throws Exception {
		HttpResponse<String> response = get(this.managementPort, "/actuator/health/../prometheus", null);

		assertThat(response.statusCode()).isIn(400, 401);
		assertThat(response.body()).doesNotContain("jvm_memory_used_bytes");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/prometheus", "/actuator", "/admin/api/setup" })
	void whenApiPortIsAskedForManagementPathsThenNotFound(String path) throws Exception {
		assertThat(get(this.apiPort, path, null).statusCode()).isEqualTo(404);
		assertThat(get(this.apiPort, path, TOKEN).statusCode()).isEqualTo(404);
	}

	private static void assertRefused(HttpResponse<String> response, String messagePart) throws IOException {
		assertThat(response.statusCode()).isEqualTo(401);
		JsonNode body = json(response);
		assertThat(body.path("code").asInt()).isEqualTo(401);
		assertThat(body.path("message").asString()).contains(messagePart.equals("401") ? "" : messagePart);
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	@Test
	void whenARequestIdIsSentToTheManagementPortThenAnswersAndRefusalsEchoIt() throws Exception {
		HttpResponse<String> answered = send(this.managementPort, "/actuator/info", (b) -> b
			.header("Authorization", "Bearer " + TOKEN)
			.header("RequestId", "ops-1"));
		HttpResponse<String> refused = send(this.managementPort, "/admin/api/setup",
				(b) -> b.header("RequestId", "ops-2"));

		assertThat(answered.statusCode()).isEqualTo(200);
		assertThat(answered.headers().firstValue("RequestId")).hasValue("ops-1");
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("RequestId")).hasValue("ops-2");
	}

	static HttpResponse<String> get(int port, String path, String token) throws Exception {
		return send(port, path, b -> {
			if (token != null) {
				b.header("Authorization", "Bearer " + token);
			}
		});
	}

	static HttpResponse<String> send(int port, String path, java.util.function.Consumer<HttpRequest.Builder> customizer)
			throws Exception {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		customizer.accept(builder);
		return HTTP.send(builder.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

}
