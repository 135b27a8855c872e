package org.byoc.interaction.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.byoc.interaction.auth.admin.AdminTokenVerifier;
import org.byoc.interaction.auth.token.AccessTokenIssuer;
import org.byoc.interaction.auth.token.AccessTokenKeys;
import org.byoc.interaction.auth.token.AccessTokenVerifier;
import org.byoc.interaction.auth.token.AccessTokensTest;
import org.byoc.interaction.support.AdminKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rotating the keys that sign tokens without cutting anyone off: the access-token key set (a new key signs, the old
 * one verifies until the last token it signed has expired, another node sharing the file follows) and the admin key
 * pair ({@code generate_admin_key.sh --rotate}). A token naming a key nobody knows is refused.
 */
class KeyRotationTest {

	final AccessTokensTest.MutableClock clock = new AccessTokensTest.MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

	@Test
	void whenTheAccessTokenKeyIsRotatedThenTokensOfTheOldKeyWorkUntilTheyExpireAndNewOnesUseTheNewKey() {
		Path file = keyFile();
		AccessTokenKeys keys = AccessTokenKeys.loadOrCreate(file, this.clock);
		AccessTokenKeys otherNode = AccessTokenKeys.loadOrCreate(file, this.clock);
		AccessTokenIssuer issuer = new AccessTokenIssuer(keys, Duration.ofHours(2), this.clock);
		String before = issuer.issue(AccessTokensTest.ORG, AccessTokensTest.USER, AccessTokensTest.APP).accessToken();
		String oldKey = keys.signingKey().getKeyID();

		String newKey = keys.rotate(Duration.ofHours(2));
		this.clock.advance(Duration.ofSeconds(2)); // the other node looks at the file again
		String after = issuer.issue(AccessTokensTest.ORG, AccessTokensTest.USER, AccessTokensTest.APP).accessToken();

		assertThat(newKey).isNotEqualTo(oldKey);
		assertThat(keyIdOf(after)).isEqualTo(newKey);
		assertThat(otherNode.signingKey().getKeyID()).as("the other node signs with the new key").isEqualTo(newKey);
		for (AccessTokenKeys node : new AccessTokenKeys[] { keys, otherNode }) {
			AccessTokenVerifier verifier = new AccessTokenVerifier(node, this.clock);
			assertThat(verifier.verify(before)).as("a token of the old key").isPresent();
			assertThat(verifier.verify(after)).as("a token of the new key").isPresent();
		}

		this.clock.advance(Duration.ofHours(2));
		assertThat(keys.verificationKeys()).extracting((k) -> k.getKeyID()).containsExactly(newKey);
		String later = new AccessTokenIssuer(keys, Duration.ofHours(2), this.clock)
			.issue(AccessTokensTest.ORG, AccessTokensTest.USER, AccessTokensTest.APP)
			.accessToken();
		assertThat(new AccessTokenVerifier(keys, this.clock).verify(later)).isPresent();
	}

	@Test
	void whenATokenNamesAnUnknownKeyThenItIsRefusedEvenIfItsSignatureWouldVerify() throws Exception {
		AccessTokenKeys keys = AccessTokenKeys.loadOrCreate(keyFile(), this.clock);
		AccessTokenVerifier verifier = new AccessTokenVerifier(keys, this.clock);
		String known = forge(keys, keys.signingKey().getKeyID());

		assertThat(verifier.verify(known)).as("the control: the same token naming the real key").isPresent();
		assertThat(verifier.verify(forge(keys, "no-such-key"))).isEmpty();
		assertThat(verifier.verify(forge(keys, null))).isEmpty();
	}

	@Test
	void whenTheAdminKeyIsRotatedThenTokensOfBothKeysVerifyUntilTheOldKeyIsRemoved() throws Exception {
		Path dir = AdminKeys.freshDir("admin-rotation").resolve("keys");
		String before = AdminKeys.tokenFor(dir, "1h");
		String legacy = AdminKeys.mint(dir, "admin", "admin", Instant.now().plusSeconds(3600)); // no kid
		String after = AdminKeys.runScript(dir.getParent(), "--dir", dir.toString(), "--rotate");
		AdminTokenVerifier verifier = new AdminTokenVerifier(dir.resolve("admin_public.pem"), Clock.systemUTC());

		for (String token : new String[] { before, legacy, after }) {
			assertThatNoException().isThrownBy(() -> verifier.verify("Bearer " + token));
		}
		String[] parts = after.split("\\.");
		String unknownKid = AdminKeys.mint(dir, "admin", "admin", Instant.now().plusSeconds(3600));
		String withUnknownKid = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"alg\":\"RS256\",\"kid\":\"no-such-key\"}".getBytes()) + "."
				+ unknownKid.split("\\.")[1] + "." + parts[2];
		assertThatThrownBy(() -> verifier.verify("Bearer " + withUnknownKid))
			.hasMessageContaining("not signed with the admin key");

		// the operator removes the old key's block once its tokens have expired
		String pem = Files.readString(dir.resolve("admin_public.pem"));
		Files.writeString(dir.resolve("admin_public.pem"), pem.substring(pem.indexOf("-----END PUBLIC KEY-----")
				+ "-----END PUBLIC KEY-----".length()).strip() + "\n");
		AdminTokenVerifier afterCleanUp = new AdminTokenVerifier(dir.resolve("admin_public.pem"), Clock.systemUTC());
		assertThatNoException().isThrownBy(() -> afterCleanUp.verify("Bearer " + after));
		assertThatThrownBy(() -> afterCleanUp.verify("Bearer " + before))
			.hasMessageContaining("not signed with the admin key");
	}

	private String forge(AccessTokenKeys keys, String keyId) throws Exception {
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(AccessTokenIssuer.ISSUER)
			.audience(AccessTokenIssuer.AUDIENCE)
			.subject(AccessTokensTest.USER.username())
			.claim("org", AccessTokensTest.ORG_ID)
			.claim("uid", AccessTokensTest.USER.id())
			.claim("client_id", AccessTokensTest.APP.consumerKey())
			.claim("scope", "interaction_api")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(600)))
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).keyID(keyId).build(),
				claims);
		jwt.sign(new MACSigner(keys.signingKey()));
		return "00D5g000004SWby!" + jwt.serialize();
	}

	private static String keyIdOf(String accessToken) {
		try {
			return SignedJWT.parse(accessToken.substring(accessToken.indexOf('!') + 1)).getHeader().getKeyID();
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path keyFile() {
		return Path.of("target", "test-data", "key-rotation-" + UUID.randomUUID(), "keys", "access-token-key.json")
			.toAbsolutePath();
	}

}
