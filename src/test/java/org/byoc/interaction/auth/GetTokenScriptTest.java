package org.byoc.interaction.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerFixture.App;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** scripts/get-token.sh against the running service: the token it prints opens the API. */
class GetTokenScriptTest extends PartnerApiTestBase {

	static final Path SCRIPT = Path.of("scripts", "get-token.sh").toAbsolutePath();

	@BeforeAll
	static void needsOpensslAndCurl() throws Exception {
		for (String tool : new String[] { "openssl", "curl" }) {
			assumeThat(run(List.of("bash", "-c", "command -v " + tool)).exitCode())
				.as("get-token.sh needs %s on the PATH; it is not installed, so this test is skipped", tool)
				.isZero();
		}
	}

	@Test
	void whenTheScriptRunsForAPreAuthorizedUserThenItPrintsATokenThatOpensTheApi() throws Exception {
		App app = fixture.partnerA();
		Result result = run(List.of("bash", SCRIPT.toString(), "--consumer-key", app.consumerKey(), "--username",
				app.username(), "--key", app.privateKeyFile().toString(), "--endpoint", baseUrl()));

		assertThat(result.exitCode()).as(result.stderr()).isZero();
		String token = result.stdout().strip();
		assertThat(result.stdout()).isEqualTo(token + "\n");
		assertThat(token).startsWith(PartnerFixture.ORG_A_KEY + "!");

		HttpResponse<String> userinfo = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/services/oauth2/userinfo"))
			.header("Authorization", "Bearer " + token)
			.GET()
			.build());
		assertThat(json(userinfo).get("preferred_username").asString()).isEqualTo(app.username());
		HttpResponse<String> api = send(apiRequest("/api/v1/nothing-here", app, token).GET().build());
		assertThat(json(api).get("code").asInt()).as("passed the API security, reached Spring MVC").isEqualTo(404);
	}

	@Test
	void whenTheAudienceIsTheServiceItselfThenTheScriptWorksToo() throws Exception {
		App app = fixture.partnerB();
		Result result = run(List.of("bash", SCRIPT.toString(), "--consumer-key=" + app.consumerKey(),
				"--username=" + app.username(), "--key=" + app.privateKeyFile(), "--audience=" + baseUrl(),
				"--endpoint=" + baseUrl() + "/"));
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).startsWith(PartnerFixture.ORG_B_ID + "!");
	}

	@Test
	void whenTheServiceRefusesThenTheScriptFailsWithTheReasonOnStderr() throws Exception {
		App app = fixture.partnerA();
		Result result = run(List.of("bash", SCRIPT.toString(), "--consumer-key", app.consumerKey(), "--username",
				PartnerFixture.AGENT_A, "--key", app.privateKeyFile().toString(), "--endpoint", baseUrl()));
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.stdout()).isEmpty();
		assertThat(result.stderr()).contains("invalid_grant").contains("pre-authorized");
	}

	@Test
	void whenAnOptionIsMissingThenTheScriptSaysWhichAndHelpExplainsAll() throws Exception {
		Result missing = run(List.of("bash", SCRIPT.toString(), "--consumer-key", "x", "--username", "y"));
		assertThat(missing.exitCode()).isNotZero();
		assertThat(missing.stderr()).contains("--key");

		Result help = run(List.of("bash", SCRIPT.toString(), "--help"));
		assertThat(help.exitCode()).isZero();
		assertThat(help.stdout()).contains("--consumer-key", "--username", "--key", "--audience", "--endpoint");
	}

	private static Result run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(new ArrayList<>(command)).start();
		process.getOutputStream().close();
		CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process, true));
		CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process, false));
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("timed out: " + command);
		}
		return new Result(process.exitValue(), stdout.join(), stderr.join());
	}

	private static String read(Process process, boolean stdout) {
		try {
			return new String((stdout ? process.getInputStream() : process.getErrorStream()).readAllBytes(),
					StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Result(int exitCode, String stdout, String stderr) {
	}

}
