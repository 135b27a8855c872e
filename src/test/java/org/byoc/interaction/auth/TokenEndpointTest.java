package org.byoc.interaction.auth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.setup.RecordIds;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture.App;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/** The token endpoint and userinfo over HTTP, as partner middleware and OAuth client libraries call them. */
class TokenEndpointTest extends PartnerApiTestBase {

	@Test
	void whenTheAssertionIsGoodThenAnAccessTokenOfTheOrgIsIssued() {
		App app = fixture.partnerA();
		long before = System.currentTimeMillis();
		HttpResponse<String> response = requestToken(PartnerFixture.JWT_BEARER, fixture.assertion(app));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
		JsonNode body = json(response);
		assertThat(body.get("access_token").asString()).startsWith(PartnerFixture.ORG_A_KEY + "!")
			.hasSizeGreaterThan(PartnerFixture.ORG_A_KEY.length() + 20);
		assertThat(body.get("instance_url").asString()).isEqualTo(baseUrl());
		assertThat(body.get("id").asString())
			.isEqualTo(baseUrl() + "/id/" + PartnerFixture.ORG_A_ID + "/"
					+ RecordIds.to18(PartnerFixture.USER_INTEGRATION_A));
		assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.get("scope").asString()).isEqualTo("interaction_api refresh_token offline_access");
		assertThat(body.get("issued_at").isString()).isTrue();
		long issuedAt = Long.parseLong(body.get("issued_at").asString());
		assertThat(issuedAt).isBetween(before - 1000, System.currentTimeMillis());
		// default lifetime: two hours from issue
		String jwt = body.get("access_token").asString().substring(PartnerFixture.ORG_A_KEY.length() + 1);
		JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
		assertThat(claims.get("exp").asLong() * 1000 - issuedAt).isEqualTo(Duration.ofHours(2).toMillis());
	}

	@Test
	void whenExpIsGivenInMillisecondsThenTheAssertionIsAccepted() {
		String assertion = fixture.assertionFor(fixture.partnerB())
			.expiresInMilliseconds(Instant.now().plus(Duration.ofDays(30)))
			.signed();
		HttpResponse<String> response = requestToken(PartnerFixture.JWT_BEARER, assertion);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).get("access_token").asString()).startsWith(PartnerFixture.ORG_B_ID + "!");
	}

	@Test
	void whenAudIsTheSandboxLoginOrTheServiceItselfThenTheAssertionIsAccepted() {
		for (String audience : new String[] { "https://test.salesforce.com", baseUrl(), baseUrl() + "/" }) {
			String assertion = fixture.assertionFor(fixture.partnerA()).audience(audience).signed();
			assertThat(requestToken(PartnerFixture.JWT_BEARER, assertion).statusCode()).as(audience).isEqualTo(200);
		}
		// aud may be a list; one accepted entry is enough
		String listAudience = fixture.assertionFor(fixture.partnerA())
			.claim("aud", List.of("https://elsewhere.example", baseUrl()))
			.signed();
		assertThat(requestToken(PartnerFixture.JWT_BEARER, listAudience).statusCode()).isEqualTo(200);
	}

	@Test
	void whenTheFormIsSentWithoutUrlEncodingThenItWorksToo() {
		// curl -d: the grant type's colons arrive unencoded; a JWT needs no encoding at all
		HttpResponse<String> response = postTokenForm(
				"grant_type=" + PartnerFixture.JWT_BEARER + "&assertion=" + fixture.assertion(fixture.partnerA()));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).get("access_token").asString()).startsWith(PartnerFixture.ORG_A_KEY + "!");
	}

	@Test
	void whenAlgIsNoneThenInvalidGrant() {
		assertInvalidGrant(fixture.assertionFor(fixture.partnerA()).unsigned(), "RS256");
	}

	@Test
	void whenTheAssertionIsHs256SignedWithTheCertificateThenInvalidGrant() {
		App app = fixture.partnerA();
		assertInvalidGrant(fixture.assertionFor(app).hs256(app.certificatePem().getBytes(StandardCharsets.US_ASCII)),
				"RS256");
		String base64 = app.certificatePem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		assertInvalidGrant(fixture.assertionFor(app).hs256(Base64.getDecoder().decode(base64)), "RS256");
	}

	@Test
	void whenTheSignatureIsMadeWithAnotherKeyThenInvalidGrant() {
		assertInvalidGrant(fixture.assertionFor(fixture.partnerA())
			.signingKey(PartnerFixture.newKeyPair().getPrivate())
			.signed(), "signature");
		// a key of a real app, but not of the app named in iss
		assertInvalidGrant(fixture.assertionFor(fixture.partnerA())
			.signingKey(fixture.partnerB().keyPair().getPrivate())
			.signed(), "signature");
	}

	@Test
	void whenIssIsNotAKnownConsumerKeyThenInvalidGrant() {
		assertInvalidGrant(fixture.assertionFor(fixture.partnerA()).issuer("3MVG9_nobody").signed(), "iss");
		assertInvalidGrant(fixture.assertionFor(fixture.partnerA()).issuer(null).signed(), "iss");
	}

	@Test
	void whenSubIsNotPreAuthorizedForTheAppThenInvalidGrant() {
		// a user of the app's org whom the app does not pre-authorize
		assertInvalidGrant(fixture.assertionFor(fixture.partnerA()).subject(PartnerFixture.AGENT_A).signed(),
				"pre-authorized");
		// a user of another org
		assertInvalidGrant(fixture.assertionFor(fixture.partnerA()).subject(PartnerFixture.INTEGRATION_B).signed(),
				"pre-authorized");
		assertInvalidGrant(fixture.assertionFor(fixture.partnerA()).subject(null).signed(), "sub");
	}

	@Test
	void whenAudIsNotAcceptedThenInvalidGrant() {
		assertInvalidGrant(fixture.assertionFor(fixture.partnerA()).audience("https://login.example.com").signed(),
				"aud");
		assertInvalidGrant(fixture.assertionFor(fixture.partnerA()).audience(null).signed(), "aud");
	}

	@Test
	void whenExpIsInThePastInSecondsOrMillisecondsThenInvalidGrant() {
		Instant tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10));
		assertInvalidGrant(fixture.assertionFor(fixture.partnerA()).expiresInSeconds(tenMinutesAgo).signed(),
				"expired");
		assertInvalidGrant(fixture.assertionFor(fixture.partnerA()).expiresInMilliseconds(tenMinutesAgo).signed(),
				"expired");
		assertInvalidGrant(fixture.assertionFor(fixture.partnerA()).claim("exp", null).signed(), "exp");
	}

	@Test
	void whenIatIsInTheFutureThenInvalidGrantButAPastIatIsFine() {
		assertInvalidGrant(fixture.assertionFor(fixture.partnerA())
			.claim("iat", Instant.now().plus(Duration.ofHours(1)).getEpochSecond())
			.signed(), "iat");
		String withIat = fixture.assertionFor(fixture.partnerA())
			.claim("iat", Instant.now().minusSeconds(5).getEpochSecond())
			.signed();
		assertThat(requestToken(PartnerFixture.JWT_BEARER, withIat).statusCode()).isEqualTo(200);
	}

	@Test
	void whenTheAssertionIsNotAJwtThenInvalidGrant() {
		assertInvalidGrant("not-a-jwt", "JWT");
		assertInvalidGrant("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln", "JWT");
	}

	@Test
	void whenTheGrantTypeIsNotJwtBearerThenUnsupportedGrantType() {
		HttpResponse<String> response = postTokenForm(
				"grant_type=client_credentials&client_id=3MVG9_orgA_partner_app&client_secret=x");
		assertOAuthError(response, 400, "unsupported_grant_type");
		assertThat(json(response).get("error_description").asString()).contains(PartnerFixture.JWT_BEARER);
	}

	@Test
	void whenGrantTypeOrAssertionIsMissingThenInvalidRequest() {
		assertOAuthError(postTokenForm("assertion=" + fixture.assertion(fixture.partnerA())), 400, "invalid_request");
		assertOAuthError(postTokenForm("grant_type=" + encode(PartnerFixture.JWT_BEARER)), 400, "invalid_request");
		assertOAuthError(postTokenForm(""), 400, "invalid_request");
		String assertion = fixture.assertion(fixture.partnerA());
		assertOAuthError(postTokenForm("grant_type=" + PartnerFixture.JWT_BEARER + "&assertion=" + assertion
				+ "&assertion=" + assertion), 400, "invalid_request");
	}

	@Test
	void whenAnotherTokenIsIssuedThenTheEarlierOneStaysValid() {
		String first = accessToken(fixture.partnerA());
		String second = accessToken(fixture.partnerA());
		assertThat(second).isNotEqualTo(first);
		assertThat(userinfo("Bearer " + first).statusCode()).isEqualTo(200);
		assertThat(userinfo("Bearer " + second).statusCode()).isEqualTo(200);
	}

	@Test
	void whenUserinfoIsAskedWithTheTokenThenItNamesTheOrgAndUser() {
		HttpResponse<String> response = userinfo("Bearer " + accessToken(fixture.partnerA()));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.get("organization_id").asString()).isEqualTo(PartnerFixture.ORG_A_ID);
		assertThat(body.get("user_id").asString()).isEqualTo(RecordIds.to18(PartnerFixture.USER_INTEGRATION_A));
		assertThat(body.get("preferred_username").asString()).isEqualTo(PartnerFixture.INTEGRATION_A);
		// org B is configured with a 15-character id; userinfo answers the 18-character form, like the vendor
		HttpResponse<String> orgB = userinfo("Bearer " + accessToken(fixture.partnerB()));
		assertThat(json(orgB).get("organization_id").asString()).hasSize(18).startsWith(PartnerFixture.ORG_B_ID);
	}

	@Test
	void whenUserinfoGetsNoOrABadTokenThen401InvalidToken() {
		String token = accessToken(fixture.partnerA());
		for (String authorization : new String[] { null, "Bearer garbage", "Bearer " + token + "x",
				"Basic " + token }) {
			HttpResponse<String> response = userinfo(authorization);
			assertOAuthError(response, 401, "invalid_token");
			assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
		}
	}

	private HttpResponse<String> userinfo(String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/services/oauth2/userinfo"));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.GET().build());
	}

	private void assertInvalidGrant(String assertion, String descriptionMentions) {
		HttpResponse<String> response = requestToken(PartnerFixture.JWT_BEARER, assertion);
		assertOAuthError(response, 400, "invalid_grant");
		assertThat(json(response).get("error_description").asString()).contains(descriptionMentions);
	}

	private static void assertOAuthError(HttpResponse<String> response, int status, String error) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode body = json(response);
		assertThat(body.get("error").asString()).isEqualTo(error);
		assertThat(body.get("error_description").asString()).isNotBlank()
			.doesNotContainIgnoringCase("exception")
			.doesNotContain("com.nimbusds")
			.doesNotContain("java.");
		assertThat(body.has("access_token")).isFalse();
	}

}
