package org.byoc.interaction.agent.console;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalManagementPort;

import org.byoc.interaction.support.AdminKeys;
import org.byoc.interaction.support.ConsoleCsrf;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's sign-in and where it is served, over HTTP: pages on the management port only, the admin token
 * checked as the admin API checks it, the session cookie accepted for the console and nowhere else.
 */
class ConsoleSignInTest extends PartnerApiTestBase {

	@LocalManagementPort
	int managementPort;

	@Test
	void whenABrowserWithoutSessionOpensTheConsoleThenItIsSentToSignIn() {
		HttpResponse<String> response = get(this.managementPort, "/console/", null);

		assertThat(response.statusCode()).isEqualTo(303);
		assertThat(response.headers().firstValue("Location")).hasValue("/console/sign-in");
	}

	@Test
	void whenTheSignInPageIsOpenedThenItAsksForTheAdminTokenWithALabelledField() {
		HttpResponse<String> response = get(this.managementPort, "/console/sign-in", null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).contains("<label for=\"token\">Admin token</label>")
			.contains("id=\"token\" name=\"token\"");
	}

	@Test
	void whenAValidTokenIsPastedThenAnHttpOnlyStrictCookieOpensTheConsole() {
		HttpResponse<String> signedIn = signIn(fixture.adminToken());

		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(URI.create(location).getPath()).isEqualTo("/console/"));
		String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).startsWith("console_admin_token=" + fixture.adminToken() + ";")
			.contains("Path=/console")
			.contains("HttpOnly")
			.contains("SameSite=Strict");

		HttpResponse<String> home = get(this.managementPort, "/console/", cookie.substring(0, cookie.indexOf(';')));
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("Org A").contains("Agent A").contains("Org B");
	}

	@Test
	void whenTheTokenIsPastedWithItsBearerPrefixThenItIsAcceptedToo() {
		assertThat(signIn("Bearer " + fixture.adminToken()).statusCode()).isEqualTo(302);
	}

	@Test
	void whenABadTokenIsPastedThenThePageSaysWhyAndSetsNoCookie() {
		HttpResponse<String> refused = signIn("not-a-token");

		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.body()).contains("not a signed JWT");
		assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void whenTheCookieHoldsAnExpiredTokenThenTheBrowserIsSentToSignInAndTheCookieCleared() {
		String expired = AdminKeys.mint(fixture.dir().resolve("admin"), "admin", "admin",
				Instant.now().minusSeconds(600));
		fixture.adminToken();

		HttpResponse<String> response = get(this.managementPort, "/console/", "console_admin_token=" + expired);

		assertThat(response.statusCode()).isEqualTo(303);
		assertThat(response.headers().firstValue("Set-Cookie")).hasValueSatisfying(
				(cookie) -> assertThat(cookie).startsWith("console_admin_token=;").contains("Max-Age=0"));
	}

	@Test
	void whenAnHtmxRequestHasNoSessionThenHtmxIsToldToGoToSignIn() {
		HttpResponse<String> response = send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.managementPort + "/console/orgs/"
					+ PartnerFixture.ORG_A_ID + "/agents/0055g00000AAgtA/list"))
			.header("HX-Request", "true")
			.build());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("HX-Redirect")).hasValue("/console/sign-in");
	}

	@Test
	void whenTheConsoleCookieIsSentToTheAdminApiThenItIsNotAccepted() {
		HttpResponse<String> response = get(this.managementPort, "/admin/api/setup",
				"console_admin_token=" + fixture.adminToken());

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void whenAnotherSitePostsToTheConsoleThenItIsRefusedEvenWithTheCookie() {
		HttpResponse<String> response = send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.managementPort + "/console/orgs/"
					+ PartnerFixture.ORG_A_ID + "/agents/0055g00000AAgtA/conversations/x/typing"))
			.header("Cookie", "console_admin_token=" + fixture.adminToken())
			.header("Sec-Fetch-Site", "cross-site")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("typing=true"))
			.build());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("other sites");
	}

	@Test
	void whenTheScriptsAreFetchedWithoutSessionThenTheyAreServed() {
		for (String path : List.of("/console/webjars/htmx.org/2.0.10/dist/htmx.min.js",
				"/console/webjars/htmx-ext-sse/2.2.2/sse.js", "/console/assets/console.js",
				"/console/assets/console.css")) {
			assertThat(get(this.managementPort, path, null).statusCode()).as(path).isEqualTo(200);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/console/", "/console/sign-in", "/console/assets/console.js",
			"/console/webjars/htmx.org/2.0.10/dist/htmx.min.js" })
	void whenThePartnerApiPortIsAskedForTheConsoleThenItIsNotThere(String path) {
		HttpResponse<String> response = get(this.port, path, "console_admin_token=" + fixture.adminToken());

		assertThat(response.statusCode()).isEqualTo(404);
	}

	/** Signs in as the browser does: with the sign-in page's CSRF token (the form is protected against login CSRF). */
	private HttpResponse<String> signIn(String token) {
		ConsoleCsrf csrf = ConsoleCsrf.fetch(this.managementPort);
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort + "/console/sign-in"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", csrf.cookie())
			.POST(HttpRequest.BodyPublishers.ofString("token=" + encode(token) + "&" + csrf.formField()))
			.build());
	}

	private static HttpResponse<String> get(int port, String path, String cookie) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept", "text/html,application/xhtml+xml");
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return send(request.build());
	}

}
