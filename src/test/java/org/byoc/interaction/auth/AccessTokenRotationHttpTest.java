package org.byoc.interaction.auth;

import java.nio.file.Path;
import java.time.Duration;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.byoc.interaction.support.PartnerApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rotating the running service's access-token key the way a second node or an operator's tool would, by writing the
 * shared key file: the service picks the new key up without a restart, signs with it, and the tokens it signed
 * before keep working.
 */
class AccessTokenRotationHttpTest extends PartnerApiTestBase {

	@Test
	void whenTheSharedKeyFileIsRotatedThenNewTokensUseTheNewKeyAndEarlierOnesStillWork() throws Exception {
		String before = accessToken(fixture.partnerA());
		Path file = fixture.dataDir().resolve("keys/access-token-key.json");

		String newKey = AccessTokenKeys.loadOrCreate(file).rotate(Duration.ofHours(2));

		await().atMost(Duration.ofSeconds(10))
			.until(() -> keyId(accessToken(fixture.partnerA())).equals(newKey));
		String after = accessToken(fixture.partnerA());
		for (String token : new String[] { before, after }) {
			assertThat(send(apiRequest("/api/v1/nothing-here", fixture.partnerA(), token).build()).statusCode())
				.as("a token of the %s key", token.equals(before) ? "old" : "new")
				.isEqualTo(404);
		}
	}

	private static String keyId(String token) throws Exception {
		return SignedJWT.parse(token.substring(token.indexOf('!') + 1)).getHeader().getKeyID();
	}

}
