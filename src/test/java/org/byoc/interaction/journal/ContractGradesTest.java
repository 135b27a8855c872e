package org.byoc.interaction.journal;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.routing.consent.Consents;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal grades the seed README's own curl examples: its consent example's stray {@code }} and its token
 * assertion's exp in milliseconds are accepted with warnings naming the rule; in strict mode the same calls are
 * refused with the contract's codes and leave nothing written.
 */
class ContractGradesTest extends JournalTestBase {

	/** The seed's consent example, exactly as its curl -d sends it: a stray closing brace after the object. */
	private static final String SEED_CONSENT = """
			{
			  "endUserClientId" : "%s",
			  "channelAddressIdentifier" : "%s",
			  "consentStatus" : "%s"
			  }
			}""";

	@Autowired
	Consents consents;

	@Test
	void whenTheSeedsConsentExampleIsSentThenItIsAcceptedAndJournaledWithATrailingContentWarning() {
		PartnerFixture.App app = fixture.partnerA();
		String token = accessToken(app);
		String endUser = endUser();
		assertThat(message(app, token, endUser).statusCode()).isEqualTo(202);

		HttpResponse<String> response = consent(app, token, endUser, "ExplicitlyOptedIn");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode entry = journal(PartnerFixture.ORG_A_KEY, "?path=/api/v1/consent&finding=trailing-content")
			.get("requests").get(0);
		assertThat(entry.get("status").asString()).isEqualTo("200");
		assertThat(entry.get("json").asString()).contains("\"consentStatus\" : \"ExplicitlyOptedIn\"");
		assertThat(entry.get("headers").get("Authorization").asString()).endsWith("![redacted]")
			.doesNotContain(token.substring(token.indexOf('!') + 1));
		JsonNode finding = entry.get("findings").get(0);
		assertThat(finding.get("kind").asString()).isEqualTo("warning");
		assertThat(finding.get("message").asString()).contains("'}'").contains("Contract §");
	}

	@Test
	void whenTheOrgIsStrictThenTheStrayBraceIsRefusedWith10089AndTheConsentIsNotChanged() {
		PartnerFixture.App app = fixture.partnerA();
		String token = accessToken(app);
		String endUser = endUser();
		assertThat(message(app, token, endUser).statusCode()).isEqualTo(202);
		var before = this.consents.consent(app.orgId(), app.address(), endUser);
		strict(PartnerFixture.ORG_A_KEY, true);

		HttpResponse<String> response = consent(app, token, endUser, "OptedOut");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		JsonNode error = json(response).get("errorDetail");
		assertThat(error.get("code").asInt()).isEqualTo(10089);
		assertThat(error.get("message").asString()).contains("Strict mode refuses trailing-content");
		assertThat(this.consents.consent(app.orgId(), app.address(), endUser)).isEqualTo(before);
		JsonNode entry = journal(PartnerFixture.ORG_A_KEY, "?path=/api/v1/consent").get("requests").get(0);
		assertThat(entry.get("code").asInt()).isEqualTo(10089);
		assertThat(entry.get("findings").get(0).get("kind").asString()).isEqualTo("refusal");
		assertThat(entry.get("findings").get(0).get("rule").asString()).isEqualTo("trailing-content");
	}

	@Test
	void whenTheSeedsTokenRequestHasExpInMillisecondsThenTheTokenIsIssuedWithAWarning() {
		PartnerFixture.App app = fixture.partnerA();
		String assertion = fixture.assertionFor(app)
			.expiresInMilliseconds(Instant.now().plus(Duration.ofDays(365)))
			.signed();

		HttpResponse<String> response = requestToken(PartnerFixture.JWT_BEARER, assertion);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode entry = journal(PartnerFixture.ORG_A_KEY, "?path=/services/oauth2/token").get("requests").get(0);
		assertThat(entry.get("findings").get(0).get("rule").asString()).isEqualTo("exp-in-milliseconds");
		assertThat(entry.get("findings").get(0).get("kind").asString()).isEqualTo("warning");
		assertThat(count(PartnerFixture.ORG_A_KEY, "{\"finding\": \"exp-in-milliseconds\"}")).isEqualTo(1);
	}

	@Test
	void whenTheOrgIsStrictThenExpInMillisecondsIsRefusedAsAnInvalidGrant() {
		PartnerFixture.App app = fixture.partnerA();
		strict(PartnerFixture.ORG_A_KEY, true);
		String assertion = fixture.assertionFor(app)
			.expiresInMilliseconds(Instant.now().plus(Duration.ofDays(365)))
			.signed();

		HttpResponse<String> refused = requestToken(PartnerFixture.JWT_BEARER, assertion);
		HttpResponse<String> clean = requestToken(PartnerFixture.JWT_BEARER, fixture.assertion(app));

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(json(refused).get("error").asString()).isEqualTo("invalid_grant");
		assertThat(json(refused).get("error_description").asString()).contains("exp-in-milliseconds");
		assertThat(clean.statusCode()).as(clean.body()).isEqualTo(200);
		assertThat(count(PartnerFixture.ORG_A_KEY, "{\"path\": \"/services/oauth2/token\", \"status\": \"4xx\"}"))
			.isEqualTo(1);
		assertThat(count(PartnerFixture.ORG_A_KEY, "{\"path\": \"/services/oauth2/token\", \"finding\": \"any\"}"))
			.isEqualTo(1);
	}

	@Test
	void whenACleanMessageIsSentThenItsEntryHasNoFindingsAndTheConversation() {
		PartnerFixture.App app = fixture.partnerA();
		strict(PartnerFixture.ORG_A_KEY, true);

		HttpResponse<String> response = message(app, accessToken(app), endUser());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		String conversation = json(response).get("conversationIdentifier").asString();
		JsonNode entry = journal(PartnerFixture.ORG_A_KEY, "?conversation=" + conversation).get("requests").get(0);
		assertThat(entry.get("findings")).isEmpty();
		assertThat(entry.get("parts").get(0).get("name").asString()).isEqualTo("json");
		assertThat(entry.get("json").asString()).contains("Hi there");
		assertThat(count(PartnerFixture.ORG_A_KEY, "{\"path\": \"/api/v1/interactions\", \"finding\": \"any\"}"))
			.isZero();
	}

	@Test
	void whenTheDemoAppsFieldNameOrAnUnknownFieldIsSentThenTheyAreWarningsAndStrictRefusesThem() {
		PartnerFixture.App app = fixture.partnerA();
		String token = accessToken(app);
		String endUser = endUser();
		String failure = """
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": %d, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "MessageDeliveryFailed", "failedChannelEntryIdentifier": "x1",
				  "recipient": {"appType": "custom", "subject": "%s", "role": "EndUser"}, "errorCode": "500"},
				 "channel": "sms"}]}""";
		assertThat(message(app, token, endUser).statusCode()).isEqualTo(202);

		HttpResponse<String> lenient = send(multipart(app, token, failure.formatted(app.address(), endUser,
				System.currentTimeMillis(), UUID.randomUUID(), endUser)));
		strict(PartnerFixture.ORG_A_KEY, true);
		HttpResponse<String> strict = send(multipart(app, token, failure.formatted(app.address(), endUser,
				System.currentTimeMillis(), UUID.randomUUID(), endUser)));

		assertThat(lenient.statusCode()).as(lenient.body()).isEqualTo(202);
		assertThat(count(PartnerFixture.ORG_A_KEY, "{\"finding\": \"unknown-field\", \"status\": \"202\"}"))
			.isEqualTo(1);
		assertThat(count(PartnerFixture.ORG_A_KEY, "{\"finding\": \"deprecated-field-name\", \"status\": \"202\"}"))
			.isEqualTo(1);
		assertThat(strict.statusCode()).as(strict.body()).isEqualTo(400);
		assertThat(json(strict).get("code").asInt()).isEqualTo(10089);
		assertThat(json(strict).get("message").asString()).contains("interactions[0].channel");
	}

	private HttpResponse<String> consent(PartnerFixture.App app, String token, String endUser, String status) {
		return send(apiRequest("/api/v1/consent", app, token).header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(SEED_CONSENT.formatted(endUser, app.address(), status)))
			.build());
	}

	private HttpRequest multipart(PartnerFixture.App app, String token, String json) {
		org.byoc.interaction.support.Multipart body = org.byoc.interaction.support.Multipart.of().json(json);
		return apiRequest("/api/v1/interactions", app, token).header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build();
	}

}
