package org.byoc.interaction.auth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

import org.byoc.interaction.auth.token.AccessTokenKeys;
import org.byoc.interaction.support.PartnerApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rotating the running service's access-token key the way a second node or an operator's tool would, by writing the
 * shared key file: the service picks the new key up without a restart, signs with it, and the tokens it signed
 * before keep working.
 */
class AccessTokenRotationHttpTest extends PartnerApiTestBase {

	@LocalManagementPort
	int managementPort;

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

	@Test
	void whenAnOperatorRotatesThroughTheAdminApiThenNewTokensUseTheNewKeyAndEarlierOnesStillWork() throws Exception {
		String before = accessToken(fixture.partnerA());

		HttpResponse<String> rotated = send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.managementPort + "/admin/api/access-token-keys/rotate"))
			.header("Authorization", "Bearer " + fixture.adminToken())
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
		HttpResponse<String> refused = send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.managementPort + "/admin/api/access-token-keys/rotate"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());

		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
		assertThat(refused.statusCode()).isEqualTo(401);
		String newKey = json(rotated).get("signingKey").asString();
		assertThat(json(rotated).get("previousKey").asString()).isEqualTo(keyId(before));
		String after = accessToken(fixture.partnerA());
		assertThat(keyId(after)).isEqualTo(newKey);
		for (String token : new String[] { before, after }) {
			assertThat(send(apiRequest("/api/v1/nothing-here", fixture.partnerA(), token).build()).statusCode())
				.isEqualTo(404);
		}
	}

	private static String keyId(String token) throws Exception {
		return SignedJWT.parse(token.substring(token.indexOf('!') + 1)).getHeader().getKeyID();
	}

}
