package org.byoc.interaction.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.auth.admin.AdminTokenVerifier;
import org.byoc.interaction.support.AdminKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** generate_admin_key.sh as an operator runs it, checked against the verifier the service uses. */
class GenerateAdminKeyScriptTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void whenRunWithoutOptionsThenTheKeyLandsWhereTheServiceLooksByDefault() {
		Path workingDir = AdminKeys.freshDir("script-default");

		String token = AdminKeys.runScript(workingDir);

		Path defaultKey = workingDir.resolve(AuthConfiguration.DEFAULT_ADMIN_PUBLIC_KEY);
		assertThat(defaultKey).exists();
		assertThat(workingDir.resolve("config/admin/admin_private.pem")).exists();
		assertThatNoException().isThrownBy(
				() -> new AdminTokenVerifier(defaultKey, Clock.systemUTC()).verify("Bearer " + token));
	}

	@Test
	void whenRunTwiceThenTheKeyPairIsKeptAndBothTokensVerify() throws Exception {
		Path keys = AdminKeys.freshDir("script-twice").resolve("keys");
		String first = AdminKeys.tokenFor(keys, "1h");
		byte[] publicKey = Files.readAllBytes(keys.resolve("admin_public.pem"));

		String second = AdminKeys.tokenFor(keys, "2h");

		assertThat(Files.readAllBytes(keys.resolve("admin_public.pem"))).isEqualTo(publicKey);
		AdminTokenVerifier verifier = new AdminTokenVerifier(keys.resolve("admin_public.pem"), Clock.systemUTC());
		assertThatNoException().isThrownBy(() -> verifier.verify("Bearer " + first));
		assertThatNoException().isThrownBy(() -> verifier.verify("Bearer " + second));
	}

	@ParameterizedTest
	@CsvSource({ "12h, 43200", "30m, 1800", "900s, 900", "45, 45", "2d, 172800" })
	void whenTtlIsGivenThenTheTokenLivesThatLong(String ttl, long seconds) {
		Path keys = AdminKeys.freshDir("script-ttl").resolve("keys");

		JsonNode claims = claims(AdminKeys.tokenFor(keys, ttl));

		assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(seconds);
		assertThat(claims.path("sub").asString()).isEqualTo("admin");
		assertThat(claims.path("scope").asString()).isEqualTo("admin");
	}

	@Test
	void whenNoTtlIsGivenThenTheTokenLivesTwelveHours() {
		Path workingDir = AdminKeys.freshDir("script-ttl-default");

		JsonNode claims = claims(AdminKeys.runScript(workingDir, "--dir", "keys"));

		assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(12 * 3600);
		assertThat(header(AdminKeys.runScript(workingDir, "--dir", "keys")).path("alg").asString()).isEqualTo("RS256");
	}

	@ParameterizedTest
	@ValueSource(strings = { "soon", "12x", "0", "-5", "1.5h" })
	void whenTtlIsMalformedThenTheScriptFailsAndPrintsNoToken(String ttl) {
		Path workingDir = AdminKeys.freshDir("script-bad-ttl");

		AdminKeys.ScriptRun run = AdminKeys.run(workingDir, "--ttl", ttl);

		assertThat(run.exitCode()).isNotZero();
		assertThat(run.stdout()).isBlank();
		assertThat(run.stderr()).contains("--ttl");
	}

	@Test
	void whenHelpIsAskedThenUsageIsPrinted() {
		AdminKeys.ScriptRun run = AdminKeys.run(AdminKeys.freshDir("script-help"), "--help");

		assertThat(run.exitCode()).isZero();
		assertThat(run.stdout()).contains("--dir DIR").contains("--ttl TTL");
	}

	private static JsonNode claims(String token) {
		return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
	}

	private static JsonNode header(String token) {
		return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
	}

}
