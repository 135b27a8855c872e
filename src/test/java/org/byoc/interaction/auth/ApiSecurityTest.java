package org.byoc.interaction.auth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture.App;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The door of {@code /api/v1/**} over HTTP (contract §A.2, §A.3, §F checks 1–6): each header fault gets its code,
 * and a request that passes reaches Spring MVC with its {@link ApiCaller}.
 */
@Import(ApiSecurityTest.CallerEcho.class)
class ApiSecurityTest extends PartnerApiTestBase {

	static final String ECHO = "/api/v1/test-only/caller";

	static final String UNMAPPED = "/api/v1/nothing-here";

	@Test
	void whenAllChecksPassThenTheControllerGetsTheCaller() {
		App app = fixture.partnerA();
		HttpResponse<String> response = send(apiRequest(ECHO, app, accessToken(app)).GET().build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode caller = json(response);
		assertThat(caller.get("orgId").asString()).isEqualTo(PartnerFixture.ORG_A_ID);
		assertThat(caller.get("orgKey").asString()).isEqualTo(PartnerFixture.ORG_A_KEY);
		assertThat(caller.get("userId").asString()).isEqualTo(PartnerFixture.USER_INTEGRATION_A);
		assertThat(caller.get("username").asString()).isEqualTo(PartnerFixture.INTEGRATION_A);
		assertThat(caller.get("consumerKey").asString()).isEqualTo(app.consumerKey());
		assertThat(caller.get("authorizationContext").asString()).isEqualTo(app.channel());
	}

	@Test
	void whenAllChecksPassOnAnUnmappedPathThenSpringMvcAnswers404AndEchoesTheRequestId() {
		App app = fixture.partnerB();
		HttpResponse<String> response = send(
				apiRequest(UNMAPPED, app, accessToken(app)).setHeader("RequestId", "trace-42").GET().build());
		assertCode(response, 404, 404);
		assertThat(response.headers().firstValue("RequestId")).contains("trace-42");
	}

	@Test
	void whenTheSameRequestIdIsSentTwiceThenBothRequestsPass() {
		App app = fixture.partnerA();
		String token = accessToken(app);
		String requestId = UUID.randomUUID().toString();
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> response = send(apiRequest(ECHO, app, token).setHeader("RequestId", requestId).GET().build());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("RequestId")).contains(requestId);
		}
	}

	@Test
	void whenOrgIdIsGivenIn15Or18CharactersThenBothAreAccepted() {
		App app = fixture.partnerA();
		String token = accessToken(app);
		for (String orgId : new String[] { PartnerFixture.ORG_A_KEY, PartnerFixture.ORG_A_ID }) {
			HttpResponse<String> response = send(apiRequest(ECHO, app, token).setHeader("OrgId", orgId).GET().build());
			assertThat(response.statusCode()).as(orgId).isEqualTo(200);
		}
	}

	@Test
	void whenTheAuthorizationHeaderIsMissingThen10004() {
		App app = fixture.partnerA();
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + UNMAPPED))
			.header("OrgId", app.orgKey())
			.header("AuthorizationContext", app.channel())
			.header("RequestId", "no-auth")
			.GET()
			.build();
		HttpResponse<String> response = send(request);
		assertCode(response, 401, 10004);
		assertThat(response.headers().firstValue("RequestId")).contains("no-auth");
	}

	@Test
	void whenTheTokenIsNotAValidAccessTokenThen10004() {
		App app = fixture.partnerA();
		String token = accessToken(app);
		String jwt = token.substring(token.indexOf('!') + 1);
		for (String authorization : new String[] { "Bearer garbage", "Bearer " + PartnerFixture.ORG_A_KEY + "!garbage",
				"Bearer " + token.substring(0, token.length() - 2), "Basic " + token, "Bearer " + jwt,
				"Bearer " + PartnerFixture.ORG_A_KEY + "!" + fixture.assertion(app) }) {
			HttpResponse<String> response = send(
					apiRequest(UNMAPPED, app, token).setHeader("Authorization", authorization).GET().build());
			assertCode(response, 401, 10004);
		}
	}

	@Test
	void whenTheTokenPrefixNamesAnotherOrgThen10004() {
		App app = fixture.partnerA();
		String token = accessToken(app);
		String otherPrefix = PartnerFixture.ORG_B_ID + token.substring(token.indexOf('!'));
		assertCode(send(apiRequest(UNMAPPED, app, otherPrefix).GET().build()), 401, 10004);
	}

	@Test
	void whenTheTokenIsSignedWithAnotherKeyOrHasExpiredThen10004() throws Exception {
		App app = fixture.partnerA();
		accessToken(app); // the key file exists once the service has started; this just proves the service is up
		OctetSequenceKey serviceKey = (OctetSequenceKey) JWKSet
			.parse(Files.readString(fixture.dataDir().resolve("keys/access-token-key.json")))
			.getKeys()
			.get(0);
		Instant now = Instant.now();
		String valid = forge(serviceKey.toByteArray(), serviceKey.getKeyID(), now.plusSeconds(600));
		String expired = forge(serviceKey.toByteArray(), serviceKey.getKeyID(), now.minusSeconds(1));
		byte[] otherSecret = new byte[64];
		new java.security.SecureRandom().nextBytes(otherSecret);
		String otherKey = forge(otherSecret, serviceKey.getKeyID(), now.plusSeconds(600));

		// the control: signed with the service key and unexpired, the forged token is as good as an issued one
		assertThat(send(apiRequest(ECHO, app, valid).GET().build()).statusCode()).isEqualTo(200);
		assertCode(send(apiRequest(ECHO, app, expired).GET().build()), 401, 10004);
		assertCode(send(apiRequest(ECHO, app, otherKey).GET().build()), 401, 10004);
	}

	@Test
	void whenTheTokenLacksTheInteractionApiScopeThen10003() {
		App reporting = fixture.reportingA();
		HttpResponse<String> response = send(apiRequest(UNMAPPED, reporting, accessToken(reporting)).GET().build());
		assertCode(response, 403, 10003);
	}

	@Test
	void whenOrgIdIsAnotherOrgThen10004() {
		App app = fixture.partnerA();
		String token = accessToken(app);
		for (String orgId : new String[] { PartnerFixture.ORG_B_ID, "00D5g000001OrgB", "x" }) {
			assertCode(send(apiRequest(UNMAPPED, app, token).setHeader("OrgId", orgId).GET().build()), 401, 10004);
		}
	}

	@Test
	void whenAuthorizationContextIsNotAChannelOfTheTokensAppThen10005() {
		App app = fixture.partnerA();
		String token = accessToken(app);
		// another app's channel in the same org, a channel of another org, and no channel at all
		for (String context : new String[] { fixture.reportingA().channel(), fixture.partnerB().channel(),
				"No_Such_ChannelDefinition" }) {
			HttpResponse<String> response = send(
					apiRequest(UNMAPPED, app, token).setHeader("AuthorizationContext", context).GET().build());
			assertCode(response, 403, 10005);
		}
	}

	@Test
	void whenAuthorizationContextTypeIsGivenInAnyLetterCaseThenItIsAcceptedAndPassedOn() {
		App app = fixture.partnerA();
		String token = accessToken(app);
		for (String value : new String[] { "ConversationChannelDefinition", "CONVERSATIONCHANNELDEFINITION",
				"embeddedmessagingchannel" }) {
			HttpResponse<String> response = send(
					apiRequest(ECHO, app, token).header("AuthorizationContextType", value).GET().build());
			assertThat(response.statusCode()).as(value + ": " + response.body()).isEqualTo(200);
			assertThat(json(response).get("authorizationContextType").asString()).isEqualToIgnoringCase(value);
		}
		JsonNode without = json(send(apiRequest(ECHO, app, token).GET().build()));
		assertThat(without.get("authorizationContextType").isNull()).isTrue();
	}

	@Test
	void whenAuthorizationContextTypeIsNotOneOfTheThreeThen10093() {
		App app = fixture.partnerA();
		String token = accessToken(app);
		for (String value : new String[] { "Foo", "", "Conversation Channel Definition" }) {
			assertCode(send(apiRequest(ECHO, app, token).header("AuthorizationContextType", value).GET().build()), 400,
					10093);
		}
	}

	@Test
	void whenABotIntegrationOfTheTokensAppIsTheContextOfAnExternalConversationParticipantThenItPasses() {
		App bot = fixture.botA();
		String token = accessToken(bot);
		for (String value : new String[] { "ExternalConversationParticipant", "EXTERNALCONVERSATIONPARTICIPANT" }) {
			HttpResponse<String> response = send(
					apiRequest(ECHO, bot, token).header("AuthorizationContextType", value).GET().build());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(json(response).get("authorizationContext").asString())
				.isEqualTo(PartnerFixture.BOT_INTEGRATION_A);
			assertThat(json(response).get("authorizationContextType").asString())
				.isEqualTo("ExternalConversationParticipant");
		}
	}

	@Test
	void whenTheContextAndItsTypeDoNotMatchThen10005() {
		App bot = fixture.botA();
		String token = accessToken(bot);
		// a bot integration without the type (or typed as a channel) is not a channel
		HttpResponse<String> untyped = send(apiRequest(ECHO, bot, token).GET().build());
		assertCode(untyped, 403, 10005);
		assertThat(json(untyped).get("message").asString()).contains("ExternalConversationParticipant");
		assertCode(send(apiRequest(ECHO, bot, token).header("AuthorizationContextType", "ConversationChannelDefinition")
			.GET()
			.build()), 403, 10005);
		// a channel typed as a bot integration, and a bot integration of another org
		assertCode(send(apiRequest(ECHO, fixture.partnerA(), token)
			.header("AuthorizationContextType", "ExternalConversationParticipant")
			.GET()
			.build()), 403, 10005);
		App orgB = fixture.partnerB();
		assertCode(send(apiRequest(ECHO, orgB, accessToken(orgB))
			.setHeader("AuthorizationContext", PartnerFixture.BOT_INTEGRATION_A)
			.header("AuthorizationContextType", "ExternalConversationParticipant")
			.GET()
			.build()), 403, 10005);
	}

	@Test
	void whenOrgIdAuthorizationContextOrRequestIdIsMissingThen10016() {
		App app = fixture.partnerA();
		String token = accessToken(app);
		for (String header : new String[] { "OrgId", "AuthorizationContext", "RequestId" }) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + UNMAPPED))
				.header("Authorization", "Bearer " + token);
			if (!header.equals("OrgId")) {
				request.header("OrgId", app.orgKey());
			}
			if (!header.equals("AuthorizationContext")) {
				request.header("AuthorizationContext", app.channel());
			}
			if (!header.equals("RequestId")) {
				request.header("RequestId", UUID.randomUUID().toString());
			}
			HttpResponse<String> response = send(request.GET().build());
			assertCode(response, 400, 10016);
			assertThat(json(response).get("message").asString()).contains(header);
		}
	}

	@Test
	void whenRequestIdIsBlankOrLongerThan255CharactersThen10016() {
		App app = fixture.partnerA();
		String token = accessToken(app);
		assertCode(send(apiRequest(UNMAPPED, app, token).setHeader("RequestId", " ").GET().build()), 400, 10016);
		assertCode(send(apiRequest(UNMAPPED, app, token).setHeader("RequestId", "r".repeat(256)).GET().build()), 400,
				10016);
		assertThat(send(apiRequest(ECHO, app, token).setHeader("RequestId", "r".repeat(255)).GET().build())
			.statusCode()).isEqualTo(200);
	}

	@Test
	void whenTheApiPathIsSpelledOddlyThenTheControllerIsStillNotReachedWithoutAToken() {
		for (String path : new String[] { "//api/v1/test-only/caller", "/api//v1/test-only/caller",
				"/api/v1/../v1/test-only/caller", "/x/../api/v1/test-only/caller", "/api/v1;a=b/test-only/caller",
				"/api/v1/test-only/caller;a=b", "/api/v1/test-only/caller/", "/api/%76%31/test-only/caller" }) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
				.header("OrgId", PartnerFixture.ORG_A_KEY)
				.header("AuthorizationContext", fixture.partnerA().channel())
				.header("RequestId", "odd-path")
				.GET()
				.build());
			assertThat(response.statusCode()).as(path + " -> " + response.body()).isNotEqualTo(200);
			assertThat(response.body()).as(path).doesNotContain(PartnerFixture.INTEGRATION_A);
		}
	}

	@Test
	void whenAPathIsOutsideTheApiThenTheApiSecurityDoesNotApply() {
		for (String path : new String[] { "/v3/api-docs", "/swagger-ui/index.html", "/api/v2/x" }) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build());
			assertThat(response.statusCode()).as(path).isNotIn(401, 403);
			assertThat(response.body()).as(path).doesNotContain("10004");
		}
		// the token endpoint answers in OAuth terms, not with an Interaction API code
		assertThat(postTokenForm("").body()).contains("invalid_request");
	}

	private static String forge(byte[] secret, String keyId, Instant expiry) throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(PartnerFixture.INTEGRATION_A)
			.claim("org", PartnerFixture.ORG_A_ID)
			.claim("uid", PartnerFixture.USER_INTEGRATION_A)
			.claim("client_id", fixture.partnerA().consumerKey())
			.claim("scope", "interaction_api")
			.issueTime(Date.from(expiry.minusSeconds(3600)))
			.expirationTime(Date.from(expiry))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).keyID(keyId).build(),
				claims);
		jwt.sign(new MACSigner(secret));
		return PartnerFixture.ORG_A_KEY + "!" + jwt.serialize();
	}

	private static void assertCode(HttpResponse<String> response, int status, int code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode body = json(response);
		assertThat(body.get("code").asInt()).isEqualTo(code);
		assertThat(body.get("message").asString()).isNotBlank();
	}

	/** A test-only API endpoint that shows what a controller receives as its {@link ApiCaller}. */
	@RestController
	static class CallerEcho {

		@GetMapping(ECHO)
		ApiCaller caller(ApiCaller caller) {
			return caller;
		}

	}

}
