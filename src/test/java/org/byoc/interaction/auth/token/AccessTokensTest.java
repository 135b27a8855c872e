package org.byoc.interaction.auth.token;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.byoc.interaction.setup.ConnectedApp;
import org.byoc.interaction.setup.Org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Access tokens on their own: the shared key file, issuing, verifying, expiry, and the verified-token cache. */
public class AccessTokensTest {

	public static final String ORG_ID = "00D5g000004SWbyEAG";

	public static final Org.AppUser USER = new Org.AppUser("0055g00000AbCdE", "integration@acme.example", null);

	public static final ConnectedApp APP = new ConnectedApp(ORG_ID, "3MVG9_acme_partner_app", "unused",
			List.of("interaction_api", "refresh_token"), List.of(USER.username()));

	public static final Org ORG = new Org(ORG_ID, "Acme", Org.OrgFeatures.ALL, List.of(USER), List.of(APP), List.of(),
			List.of(), List.of());

	final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

	@Test
	void whenTwoNodesShareTheKeyFileThenEachAcceptsTheOthersTokens() {
		Path file = keyFile();
		AccessTokenKeys first = AccessTokenKeys.loadOrCreate(file);
		AccessTokenKeys second = AccessTokenKeys.loadOrCreate(file);
		String fromFirst = issuer(first).issue(ORG, USER, APP).accessToken();
		String fromSecond = issuer(second).issue(ORG, USER, APP).accessToken();

		assertThat(new AccessTokenVerifier(second, this.clock).verify(fromFirst)).isPresent();
		assertThat(new AccessTokenVerifier(first, this.clock).verify(fromSecond)).isPresent();
	}

	@Test
	void whenTheKeyFileIsGeneratedThenOnlyItsOwnerMayReadIt() throws Exception {
		Path file = keyFile();
		AccessTokenKeys.loadOrCreate(file);
		assumeThat(file.getFileSystem().supportedFileAttributeViews()).as("POSIX file permissions").contains("posix");
		assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
		assertThat(Files.list(file.getParent())).containsExactly(file);
	}

	@Test
	void whenAnotherKeyFileSignedTheTokenThenItIsRejected() {
		String foreign = issuer(AccessTokenKeys.loadOrCreate(keyFile())).issue(ORG, USER, APP).accessToken();
		assertThat(new AccessTokenVerifier(AccessTokenKeys.loadOrCreate(keyFile()), this.clock).verify(foreign))
			.isEmpty();
	}

	@Test
	void whenATokenIsVerifiedThenThePrincipalCarriesOrgUserAppScopesAndExpiry() {
		AccessTokenKeys keys = AccessTokenKeys.loadOrCreate(keyFile());
		AccessTokenIssuer.IssuedToken token = issuer(keys).issue(ORG, USER, APP);

		assertThat(token.accessToken()).startsWith("00D5g000004SWby!");
		AccessTokenPrincipal principal = new AccessTokenVerifier(keys, this.clock).verify(token.accessToken())
			.orElseThrow();
		assertThat(principal).isEqualTo(new AccessTokenPrincipal(ORG_ID, "00D5g000004SWby", USER.id(),
				USER.username(), APP.consumerKey(), List.of("interaction_api", "refresh_token"),
				this.clock.instant().plus(Duration.ofHours(2))));
		assertThat(token.expiresAt()).isEqualTo(principal.expiresAt());
	}

	@Test
	void whenATokenIsIssuedAgainThenTheEarlierOneStaysValid() {
		AccessTokenKeys keys = AccessTokenKeys.loadOrCreate(keyFile());
		String first = issuer(keys).issue(ORG, USER, APP).accessToken();
		String second = issuer(keys).issue(ORG, USER, APP).accessToken();
		AccessTokenVerifier verifier = new AccessTokenVerifier(keys, this.clock);
		assertThat(second).isNotEqualTo(first);
		assertThat(verifier.verify(first)).isPresent();
		assertThat(verifier.verify(second)).isPresent();
	}

	@Test
	void whenTheLifetimeHasPassedThenTheTokenIsRejectedEvenFromTheCache() {
		AccessTokenKeys keys = AccessTokenKeys.loadOrCreate(keyFile());
		String token = new AccessTokenIssuer(keys, Duration.ofMinutes(5), this.clock).issue(ORG, USER, APP)
			.accessToken();
		AccessTokenVerifier verifier = new AccessTokenVerifier(keys, this.clock);
		assertThat(verifier.verify(token)).isPresent();

		this.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
		assertThat(verifier.verify(token)).isPresent();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(verifier.verify(token)).isEmpty();
		// a verifier that never saw the token agrees
		assertThat(new AccessTokenVerifier(keys, this.clock).verify(token)).isEmpty();
	}

	@Test
	void whenThePrefixOrTheTokenIsAlteredThenItIsRejected() {
		AccessTokenKeys keys = AccessTokenKeys.loadOrCreate(keyFile());
		String token = issuer(keys).issue(ORG, USER, APP).accessToken();
		AccessTokenVerifier verifier = new AccessTokenVerifier(keys, this.clock);
		String jwt = token.substring(token.indexOf('!') + 1);

		assertThat(verifier.verify(token)).isPresent();
		assertThat(verifier.verify("00D5g000002OrgB!" + jwt)).isEmpty();
		assertThat(verifier.verify("00D5g000004SWbyEAG!" + jwt)).isEmpty();
		assertThat(verifier.verify(jwt)).isEmpty();
		assertThat(verifier.verify(token + "A")).isEmpty();
		assertThat(verifier.verify("")).isEmpty();
		assertThat(verifier.verify(null)).isEmpty();
	}

	@Test
	void whenTheKeyFileIsNotAKeySetThenLoadingFailsNamingTheFile() throws Exception {
		Path file = keyFile();
		Files.createDirectories(file.getParent());
		Files.writeString(file, "{\"not\":\"keys\"}");
		assertThatThrownBy(() -> AccessTokenKeys.loadOrCreate(file)).hasMessageContaining(file.toString());
	}

	private AccessTokenIssuer issuer(AccessTokenKeys keys) {
		return new AccessTokenIssuer(keys, Duration.ofHours(2), this.clock);
	}

	private static Path keyFile() {
		return Path.of("target", "test-data", "access-token-keys-" + UUID.randomUUID(), "keys", "access-token-key.json")
			.toAbsolutePath();
	}

	/** A clock the test moves forward by hand. */
	public static final class MutableClock extends Clock {

		private Instant now;

		public MutableClock(Instant now) {
			this.now = now;
		}

		public void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
