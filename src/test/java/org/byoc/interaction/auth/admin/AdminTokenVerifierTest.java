package org.byoc.interaction.auth.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.byoc.interaction.auth.token.AccessTokensTest.MutableClock;
import org.byoc.interaction.auth.token.RevokedTokens;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.InteractionApiException;
import org.byoc.interaction.support.AdminKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key files an operator may hand the service, beyond the script's own output, and remembered tokens. */
class AdminTokenVerifierTest {

	@Test
	void whenTheKeyFileIsNotAPublicKeyThenRefusedNamingTheScript() throws Exception {
		Path dir = AdminKeys.freshDir("verifier-garbage");
		String token = AdminKeys.tokenFor(dir.resolve("keys"), "10m");
		Path garbage = dir.resolve("keys/admin_public.pem");
		Files.writeString(garbage, "not a key\n");

		AdminTokenVerifier verifier = new AdminTokenVerifier(garbage, Clock.systemUTC());

		assertThatThrownBy(() -> verifier.verify("Bearer " + token)).isInstanceOf(InteractionApiException.class)
			.hasMessageContaining("generate_admin_key.sh")
			.extracting((ex) -> ((InteractionApiException) ex).errorCode())
			.isEqualTo(ErrorCode.ADMIN_TOKEN_INVALID);
	}

	@Test
	void whenTheKeyIsGivenAsACertificateThenTokensOfItsKeyVerify() throws Exception {
		Path dir = AdminKeys.freshDir("verifier-certificate");
		Path keys = dir.resolve("keys");
		String token = AdminKeys.tokenFor(keys, "10m");
		Process openssl = new ProcessBuilder("openssl", "req", "-new", "-x509", "-key",
				keys.resolve("admin_private.pem").toString(), "-subj", "/CN=admin", "-days", "1", "-out",
				dir.resolve("admin.crt").toString())
			.redirectErrorStream(true)
			.start();
		openssl.getInputStream().readAllBytes();
		if (openssl.waitFor() != 0) {
			throw new IllegalStateException("openssl req failed");
		}

		AdminTokenVerifier verifier = new AdminTokenVerifier(dir.resolve("admin.crt"), Clock.systemUTC());

		assertThatNoException().isThrownBy(() -> verifier.verify("Bearer " + token));
		assertThatThrownBy(() -> verifier.verify("Bearer " + AdminKeys.tokenFor(dir.resolve("other"), "10m")))
			.hasMessageContaining("not signed with the admin key");
	}

	@Test
	void whenARememberedTokenIsSignedOutOrExpiresThenItIsRefused() {
		Path keys = AdminKeys.freshDir("verifier-remembered").resolve("keys");
		String token = AdminKeys.tokenFor(keys, "10m");
		String other = AdminKeys.tokenFor(keys, "10m");
		MutableClock clock = new MutableClock(Instant.now());
		RevokedTokens revoked = new RevokedTokens(clock);
		AdminTokenDecoder decoder = new AdminTokenDecoder(new AdminPublicKeys(keys.resolve("admin_public.pem")), clock,
				revoked);

		assertThat(decoder.decode(token)).isSameAs(decoder.decode(token));
		assertThat(decoder.decode(other).getSubject()).isEqualTo("admin");

		revoked.revoke(token, clock.instant().plus(Duration.ofMinutes(10)));
		assertThatThrownBy(() -> decoder.decode(token)).hasMessageContaining("signed out");

		clock.advance(Duration.ofMinutes(10).plus(AdminTokenDecoder.CLOCK_SKEW));
		assertThatThrownBy(() -> decoder.decode(other)).hasMessageContaining("expired");
		assertThatThrownBy(() -> decoder.decode(other)).hasMessageContaining("expired");
	}

}
