package org.byoc.interaction.journal;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fault rules set over the admin API act on the org's partner calls as declared, show in the journal as injected,
 * and never corrupt state: a fault before the service acted leaves nothing, a reset after it acted is idempotent on
 * the partner's retry, and another org never meets them.
 */
class FaultInjectionTest extends JournalTestBase {

	@Autowired
	Conversations conversations;

	@Test
	void whenTheNextTwoCallsAnswer503ThenTheThirdSucceedsAndTheJournalShowsAllThree() {
		PartnerFixture.App app = fixture.partnerA();
		String token = accessToken(app);
		fault(PartnerFixture.ORG_A_KEY, """
				{"id": "two-503", "method": "POST", "path": "/api/v1/interactions", "times": 2, "code": 10094}""");
		String endUser = endUser();
		String entryId = UUID.randomUUID().toString();
		String requestId = UUID.randomUUID().toString();

		List<HttpResponse<String>> answers = new ArrayList<>();
		for (int attempt = 0; attempt < 3; attempt++) {
			answers.add(message(app, token, endUser, entryId, requestId));
		}

		assertThat(answers.get(0).statusCode()).isEqualTo(503);
		assertThat(json(answers.get(0)).get("code").asInt()).isEqualTo(10094);
		assertThat(answers.get(0).headers().firstValue("Retry-After")).hasValue("1");
		assertThat(answers.get(1).statusCode()).isEqualTo(503);
		assertThat(answers.get(2).statusCode()).as(answers.get(2).body()).isEqualTo(202);
		JsonNode journal = journal(PartnerFixture.ORG_A_KEY, "?path=/api/v1/interactions");
		assertThat(journal.get("total").asInt()).isEqualTo(3);
		assertThat(journal.get("requests").get(0).get("status").asString()).isEqualTo("202");
		assertThat(journal.get("requests").get(0).get("findings")).isEmpty();
		assertThat(journal.get("requests").get(2).get("findings").get(0).get("kind").asString()).isEqualTo("injected");
		assertThat(journal.get("requests").get(2).get("findings").get(0).get("rule").asString()).isEqualTo("two-503");
		assertThat(count(PartnerFixture.ORG_A_KEY, "{\"finding\": \"injected\", \"status\": \"503\"}")).isEqualTo(2);
		Conversation conversation = this.conversations.find(app.orgId(), app.address(), endUser).orElseThrow();
		assertThat(this.conversations.transcript(conversation.conversationIdentifier())).hasSize(1);
		assertThat(firstRuleUsed(PartnerFixture.ORG_A_KEY)).isEqualTo(2);
	}

	@Test
	void whenRulesAnswer429And500And10019ThenEachCarriesTheContractsCodeAndStatus() {
		PartnerFixture.App app = fixture.partnerA();
		String token = accessToken(app);
		fault(PartnerFixture.ORG_A_KEY, """
				{"path": "/api/v1/route", "times": 1, "code": 429, "retryAfterSeconds": 7}""");
		fault(PartnerFixture.ORG_A_KEY, """
				{"path": "/api/v1/route", "times": 1, "code": 10058}""");
		fault(PartnerFixture.ORG_A_KEY, """
				{"path": "/api/v1/route", "times": 1, "code": 10019}""");
		String body = "{\"conversationIdentifier\": \"" + UUID.randomUUID() + "\", \"routingType\": \"Initial\"}";

		HttpResponse<String> limited = route(app, token, body);
		HttpResponse<String> internal = route(app, token, body);
		HttpResponse<String> readOnly = route(app, token, body);
		HttpResponse<String> real = route(app, token, body);

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
		assertThat(json(limited).get("code").asInt()).isEqualTo(429);
		assertThat(internal.statusCode()).isEqualTo(500);
		assertThat(json(internal).get("code").asInt()).isEqualTo(10058);
		assertThat(readOnly.statusCode()).isEqualTo(503);
		assertThat(json(readOnly).get("code").asInt()).isEqualTo(10019);
		assertThat(json(real).get("code").asInt()).as(real.body()).isEqualTo(10018);
		assertThat(count(PartnerFixture.ORG_A_KEY, "{\"path\": \"/api/v1/route\", \"finding\": \"injected\"}"))
			.isEqualTo(3);
	}

	@Test
	void whenTheConnectionIsResetAfterTheCommitThenTheRetryDoesNotDuplicateTheEntry() {
		PartnerFixture.App app = fixture.partnerA();
		String token = accessToken(app);
		fault(PartnerFixture.ORG_A_KEY, """
				{"path": "/api/v1/interactions", "times": 1, "action": "resetAfter"}""");
		String endUser = endUser();
		String entryId = UUID.randomUUID().toString();

		assertThatThrownBy(() -> sendRaw(messageRequest(app, token, endUser, entryId).build())).isInstanceOf(IOException.class);
		HttpResponse<String> retry = message(app, token, endUser, entryId, UUID.randomUUID().toString());

		assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
		Conversation conversation = this.conversations.find(app.orgId(), app.address(), endUser).orElseThrow();
		assertThat(json(retry).get("conversationIdentifier").asString())
			.isEqualTo(conversation.conversationIdentifier());
		assertThat(this.conversations.transcript(conversation.conversationIdentifier())).hasSize(1);
		assertThat(count(PartnerFixture.ORG_A_KEY, "{\"finding\": \"injected\"}")).isEqualTo(1);
	}

	@Test
	void whenTheConnectionIsResetBeforeTheServiceActsThenNothingIsWritten() {
		PartnerFixture.App app = fixture.partnerA();
		String token = accessToken(app);
		fault(PartnerFixture.ORG_A_KEY, """
				{"path": "/api/v1/interactions", "times": 1, "action": "resetBefore"}""");
		String endUser = endUser();

		assertThatThrownBy(() -> sendRaw(messageRequest(app, token, endUser, UUID.randomUUID().toString()).build()))
			.isInstanceOf(IOException.class);

		assertThat(this.conversations.find(app.orgId(), app.address(), endUser)).isEmpty();
		assertThat(count(PartnerFixture.ORG_A_KEY, "{\"finding\": \"injected\"}")).isEqualTo(1);
	}

	@Test
	void whenOrgAHasFaultsThenOrgBNeverMeetsThemAndNeitherSeesTheOthersCalls() {
		PartnerFixture.App a = fixture.partnerA();
		PartnerFixture.App b = fixture.partnerB();
		String tokenA = accessToken(a);
		String tokenB = accessToken(b);
		fault(PartnerFixture.ORG_A_KEY, """
				{"path": "/api/v1/**", "code": 10094}""");

		HttpResponse<String> fromA = message(a, tokenA, endUser());
		HttpResponse<String> fromB = message(b, tokenB, endUser());
		HttpResponse<String> bPosingAsA = send(apiRequest("/api/v1/interactions", b, tokenB)
			.setHeader("OrgId", PartnerFixture.ORG_A_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build());

		assertThat(fromA.statusCode()).isEqualTo(503);
		assertThat(fromB.statusCode()).as(fromB.body()).isEqualTo(202);
		assertThat(bPosingAsA.statusCode()).isNotEqualTo(503);
		JsonNode journalA = journal(PartnerFixture.ORG_A_KEY, "?path=/api/**");
		JsonNode journalB = journal(PartnerFixture.ORG_B_ID, "?path=/api/**");
		assertThat(journalA.get("total").asInt()).isEqualTo(1);
		assertThat(journalA.get("requests").get(0).get("status").asString()).isEqualTo("503");
		assertThat(journalB.get("requests").findValuesAsString("status")).doesNotContain("503");
		assertThat(journalB.toString()).doesNotContain(a.address());
		assertThat(journalA.toString()).doesNotContain(b.address());
	}

	private HttpResponse<String> route(PartnerFixture.App app, String token, String body) {
		return send(apiRequest("/api/v1/route", app, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private static HttpResponse<String> sendRaw(HttpRequest request) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		return response;
	}

}
