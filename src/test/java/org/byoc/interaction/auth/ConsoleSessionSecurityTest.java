package org.byoc.interaction.auth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.byoc.interaction.auth.token.RevokedTokens;
import org.byoc.interaction.support.AdminKeys;
import org.byoc.interaction.support.ConsoleCsrf;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's session over HTTP: every unsafe request needs the page's CSRF token (the sign-in form too, so no
 * other site can sign a browser in with its own token), and signing out ends the session for good: the token the
 * cookie carried is refused from then on, in a cookie or in the header.
 */
class ConsoleSessionSecurityTest extends PartnerApiTestBase {

	static final String TYPING = "/console/orgs/" + PartnerFixture.ORG_A_ID + "/agents/" + PartnerFixture.AGENT_A_ID
			+ "/conversations/no-such-conversation/typing";

	@LocalManagementPort
	int managementPort;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whenAConsoleFormIsPostedWithoutTheCsrfTokenThen403AndWithItTheConsoleAnswers() {
		String cookie = "console_admin_token=" + fixture.adminToken();
		ConsoleCsrf csrf = ConsoleCsrf.fetch(this.managementPort);

		HttpResponse<String> without = post(TYPING, cookie + "; " + csrf.cookie(), "typing=true", null);
		HttpResponse<String> wrong = post(TYPING, cookie + "; " + csrf.cookie(), "typing=true&_csrf=forged", null);
		HttpResponse<String> htmxWithout = send(request(TYPING, cookie + "; " + csrf.cookie(), "typing=true")
			.header("HX-Request", "true")
			.build());
		HttpResponse<String> with = post(TYPING, cookie + "; " + csrf.cookie(), "typing=true&" + csrf.formField(),
				null);
		HttpResponse<String> htmxWith = send(request(TYPING, cookie + "; " + csrf.cookie(), "typing=true")
			.header("HX-Request", "true")
			.header(csrf.header(), csrf.token())
			.build());

		assertThat(without.statusCode()).isEqualTo(403);
		assertThat(json(without).get("code").asInt()).isEqualTo(403);
		assertThat(wrong.statusCode()).isEqualTo(403);
		assertThat(htmxWithout.statusCode()).isEqualTo(403);
		assertThat(htmxWithout.body()).contains("reload");
		// past the CSRF check, the console itself answers (the conversation does not exist)
		assertThat(with.statusCode()).as(with.body()).isNotIn(401, 403);
		assertThat(htmxWith.statusCode()).as(htmxWith.body()).isNotIn(401, 403);
	}

	@Test
	void whenTheSignInFormIsPostedWithoutTheCsrfTokenThenNoSessionIsMade() {
		HttpResponse<String> response = post("/console/sign-in", null, "token=" + encode(fixture.adminToken()),
				null);

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().allValues("Set-Cookie")).noneMatch((c) -> c.startsWith("console_admin_token"));
	}

	@Test
	void whenTheAgentSignsOutThenTheTokenIsRefusedFromThenOnEverywhereOnThePort() {
		// a token of its own: signing out must not end the other tests' sessions
		String token = AdminKeys.mint(fixture.dir().resolve("admin"), "admin", "admin",
				Instant.now().plusSeconds(3600 + (long) (Math.random() * 600)));
		String cookie = "console_admin_token=" + token;
		assertThat(get("/console/", cookie, null).statusCode()).as("signed in").isEqualTo(200);
		ConsoleCsrf csrf = ConsoleCsrf.fetch(this.managementPort);

		HttpResponse<String> signedOut = post("/console/sign-out", cookie + "; " + csrf.cookie(), csrf.formField(),
				null);

		assertThat(signedOut.statusCode()).isEqualTo(302);
		assertThat(signedOut.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(URI.create(location).getPath()).isEqualTo("/console/sign-in"));
		assertThat(signedOut.headers().allValues("Set-Cookie"))
			.anyMatch((c) -> c.startsWith("console_admin_token=;") && c.contains("Max-Age=0"));
		HttpResponse<String> again = get("/console/", cookie, null);
		assertThat(again.statusCode()).isEqualTo(303);
		assertThat(again.headers().firstValue("Location")).hasValue("/console/sign-in");
		HttpResponse<String> asHeader = get("/admin/api/setup", null, token);
		assertThat(asHeader.statusCode()).isEqualTo(401);
		assertThat(json(asHeader).get("message").asString()).contains("signed out");
		assertThat(get("/admin/api/setup", null, fixture.adminToken()).statusCode()).as("other tokens still work")
			.isEqualTo(200);
		// a restarted node (a new list over the same database) still refuses it
		RevokedTokens restarted = new RevokedTokens(Clock.systemUTC(), this.jdbc, false);
		assertThat(restarted.isRevoked(token)).isTrue();
		assertThat(restarted.isRevoked(fixture.adminToken())).isFalse();
	}

	private HttpResponse<String> get(String path, String cookie, String bearer) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(management(path)))
			.header("Accept", "text/html,application/xhtml+xml");
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return send(request.build());
	}

	private HttpResponse<String> post(String path, String cookie, String form, String accept) {
		HttpRequest.Builder request = request(path, cookie, form);
		if (accept != null) {
			request.header("Accept", accept);
		}
		return send(request.build());
	}

	private HttpRequest.Builder request(String path, String cookie, String form) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(management(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return request;
	}

	private String management(String path) {
		return "http://localhost:" + this.managementPort + path;
	}

}
