package org.byoc.interaction.auth;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;

import org.byoc.interaction.support.PartnerApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's default headers on every port, answers and refusals alike: no MIME sniffing, nothing cached,
 * no framing (the console says so twice: {@code X-Frame-Options} and CSP {@code frame-ancestors}), and HSTS when the
 * request came over TLS. Behind a TLS-terminating proxy the service learns that from {@code X-Forwarded-Proto}, as
 * here ({@code server.forward-headers-strategy=native}; the proxy is on 127.0.0.1, which Tomcat trusts).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.forward-headers-strategy=native")
class SecurityHeadersTest extends PartnerApiTestBase {

	@LocalManagementPort
	int managementPort;

	@Test
	void whenThePartnerApiAnswersOrRefusesThenItSendsTheSecurityHeaders() {
		String token = accessToken(fixture.partnerA());
		for (HttpResponse<String> answer : new HttpResponse[] {
				send(apiRequest("/api/v1/nothing-here", fixture.partnerA(), token).build()),
				send(apiRequest("/api/v1/nothing-here", fixture.partnerA(), "garbage").build()),
				postTokenForm("grant_type=nothing") }) {
			assertThat(answer.statusCode()).isIn(400, 401, 404);
			assertDefaults(answer.headers());
			assertThat(answer.headers().firstValue("Strict-Transport-Security")).as("plain HTTP").isEmpty();
		}
	}

	@Test
	void whenTheManagementPortAnswersOrRefusesThenItSendsTheSecurityHeaders() {
		for (HttpResponse<String> answer : new HttpResponse[] { management("/admin/api/setup", fixture.adminToken()),
				management("/admin/api/setup", null), management("/actuator/health", null) }) {
			assertThat(answer.statusCode()).isIn(200, 401);
			assertDefaults(answer.headers());
		}
	}

	@Test
	void whenAConsolePageIsServedThenNoOtherSiteMayFrameIt() {
		HttpResponse<String> page = management("/console/sign-in", null);

		assertThat(page.statusCode()).isEqualTo(200);
		assertDefaults(page.headers());
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("frame-ancestors 'none'");
	}

	@Test
	void whenTheRequestCameOverTlsThenHstsIsSent() {
		HttpResponse<String> api = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/nothing-here"))
			.header("X-Forwarded-Proto", "https")
			.build());

		assertThat(api.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
				(hsts) -> assertThat(hsts).contains("max-age="));
	}

	private static void assertDefaults(HttpHeaders headers) {
		assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(headers.firstValue("Cache-Control")).hasValueSatisfying(
				(cache) -> assertThat(cache).contains("no-store"));
		assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
	}

	private HttpResponse<String> management(String path, String adminToken) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.managementPort + path))
			.header("Accept", "text/html,application/json");
		if (adminToken != null) {
			request.header("Authorization", "Bearer " + adminToken);
		}
		return send(request.build());
	}

}
