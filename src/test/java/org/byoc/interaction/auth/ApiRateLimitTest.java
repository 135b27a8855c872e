package org.byoc.interaction.auth;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-org rate limit over HTTP, with a limit low enough to reach in a test: 2 requests per second, bursts of
 * 3. An org over its limit gets 429 with the contract's message and a Retry-After; another org does not notice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "interactionservice.ratelimit.requests-per-second=2", "interactionservice.ratelimit.burst=3" })
class ApiRateLimitTest extends PartnerApiTestBase {

	@Test
	void whenAnOrgExceedsItsRateThenItGets429WithRetryAfterAndAnotherOrgIsServed() throws Exception {
		String tokenA = accessToken(fixture.partnerA());
		String tokenB = accessToken(fixture.partnerB());
		String endUser = "+1555" + UUID.randomUUID().toString().substring(0, 8);

		List<HttpResponse<String>> answers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			answers.add(message(fixture.partnerA(), tokenA, endUser));
		}
		// B is served while A is over its limit
		HttpResponse<String> other = message(fixture.partnerB(), tokenB, endUser);

		assertThat(answers.subList(0, 3)).allSatisfy((r) -> assertThat(r.statusCode()).as(r.body()).isEqualTo(202));
		List<HttpResponse<String>> limited = answers.stream().filter((r) -> r.statusCode() == 429).toList();
		// ten requests take far less than the 2.5 s the rate would need to let them all through
		assertThat(limited).hasSizeGreaterThanOrEqualTo(5);
		assertThat(answers).allSatisfy((r) -> assertThat(r.statusCode()).isIn(202, 429));
		for (HttpResponse<String> refusal : limited) {
			JsonNode body = json(refusal);
			assertThat(body.get("code").asInt()).isEqualTo(429);
			assertThat(body.get("message").asString()).isEqualTo("Interaction request rate limit exceeded");
			assertThat(refusal.headers().firstValue("Retry-After")).hasValueSatisfying(
					(seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 2));
			assertThat(refusal.headers().firstValue("RequestId")).isPresent();
		}
		assertThat(other.statusCode()).as(other.body()).isEqualTo(202);

		long retryAfter = Long.parseLong(limited.get(limited.size() - 1).headers().firstValue("Retry-After").get());
		Thread.sleep(retryAfter * 1000);
		HttpResponse<String> later = message(fixture.partnerA(), tokenA, endUser);
		assertThat(later.statusCode()).as(later.body()).isEqualTo(202);
	}

	@Test
	void whenTheTokenIsInvalidThenTheRefusalIs401AndCostsTheOrgNothing() throws Exception {
		Thread.sleep(1600);
		String tokenA = accessToken(fixture.partnerA());
		String endUser = "+1555" + UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 10; i++) {
			assertThat(message(fixture.partnerA(), "not-a-token", endUser).statusCode()).isEqualTo(401);
		}
		HttpResponse<String> real = message(fixture.partnerA(), tokenA, endUser);
		assertThat(real.statusCode()).as(real.body()).isEqualTo(202);
	}

	private HttpResponse<String> message(PartnerFixture.App app, String token, String endUser) {
		String id = UUID.randomUUID().toString();
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": 1688190840000, "interactionType":
				 "EntryInteraction", "payload": {"id": "%s", "entryType": "Message", "abstractMessage": {"messageType":
				 "StaticContentMessage", "id": "%s", "staticContent": {"formatType": "Text", "text": "hi"}}}}]}"""
			.formatted(app.address(), endUser, id, id));
		return send(apiRequest("/api/v1/interactions", app, token).header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
	}

}
