package org.byoc.interaction.journal;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault rules aimed at one conversation act only on calls that name it, and {@code failAttachmentStore} fails the
 * next store of a file as an unreachable store does: 503, nothing half-written, and the partner's retry succeeds.
 */
class TargetedFaultTest extends JournalTestBase {

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	@Autowired
	JdbcClient jdbc;

	@Test
	void whenARuleNamesAConversationThenOnlyCallsNamingThatConversationMeetIt() {
		PartnerFixture.App app = fixture.partnerA();
		String token = accessToken(app);
		String target = UUID.randomUUID().toString();
		String other = UUID.randomUUID().toString();
		fault(PartnerFixture.ORG_A_KEY, """
				{"id": "one-conversation", "path": "/api/v1/route", "conversationIdentifier": "%s", "code": 10094}"""
			.formatted(target));

		HttpResponse<String> otherRoute = route(app, token, other);
		HttpResponse<String> targetRoute = route(app, token, target);
		HttpResponse<String> otherAgain = route(app, token, other);

		assertThat(json(otherRoute).get("code").asInt()).as(otherRoute.body()).isEqualTo(10018);
		assertThat(targetRoute.statusCode()).isEqualTo(503);
		assertThat(json(targetRoute).get("code").asInt()).isEqualTo(10094);
		assertThat(json(otherAgain).get("code").asInt()).as(otherAgain.body()).isEqualTo(10018);
		JsonNode injected = journal(PartnerFixture.ORG_A_KEY, "?finding=injected");
		assertThat(injected.get("total").asInt()).isEqualTo(1);
		assertThat(injected.get("requests").get(0).get("conversationIdentifier").asString()).isEqualTo(target);
		assertThat(firstRuleUsed(PartnerFixture.ORG_A_KEY)).isEqualTo(1);
	}

	@Test
	void whenTheAttachmentStoreFailsThenTheFileIsRefusedWith503AndNothingIsWrittenAndTheRetryIsStored() {
		PartnerFixture.App app = fixture.partnerA();
		String token = accessToken(app);
		fault(PartnerFixture.ORG_A_KEY, """
				{"id": "s3-down", "action": "failAttachmentStore", "times": 1}""");
		String endUser = endUser();
		String fileEntry = UUID.randomUUID().toString();

		HttpResponse<String> text = message(app, token, endUser);
		long attachments = this.jdbc.sql("select count(*) from attachment").query(Long.class).single();
		HttpResponse<String> refused = upload(app, token, endUser, fileEntry);
		long entriesAfterRefusal = rows("select count(*) from conversation_entry where entry_id = ?", fileEntry);
		long attachmentsAfterRefusal = this.jdbc.sql("select count(*) from attachment").query(Long.class).single();
		HttpResponse<String> retried = upload(app, token, endUser, fileEntry);

		assertThat(text.statusCode()).as("a call that stores no file leaves the rule armed: " + text.body())
			.isEqualTo(202);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
		assertThat(json(refused).get("code").asInt()).isEqualTo(503);
		assertThat(json(refused).get("message").asString()).contains("attachment store");
		assertThat(entriesAfterRefusal).isZero();
		assertThat(attachmentsAfterRefusal).isEqualTo(attachments);
		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
		String conversation = json(retried).get("conversationIdentifier").asString();
		assertThat(rows("select count(*) from conversation_entry where entry_id = ?", fileEntry)).isEqualTo(1);
		assertThat(rows("select count(*) from attachment where conversation_identifier = ?", conversation))
			.isEqualTo(1);
		JsonNode injected = journal(PartnerFixture.ORG_A_KEY, "?finding=s3-down");
		assertThat(injected.get("total").asInt()).isEqualTo(1);
		assertThat(injected.get("requests").get(0).get("status").asString()).isEqualTo("503");
	}

	@Test
	void whenAStoreFaultNamesAnotherConversationThenTheFileIsStored() {
		PartnerFixture.App app = fixture.partnerA();
		String token = accessToken(app);
		fault(PartnerFixture.ORG_A_KEY, """
				{"action": "failAttachmentStore", "conversationIdentifier": "%s"}""".formatted(UUID.randomUUID()));

		HttpResponse<String> stored = upload(app, token, endUser(), UUID.randomUUID().toString());

		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(202);
		assertThat(count(PartnerFixture.ORG_A_KEY, "{\"finding\": \"injected\"}")).isZero();
	}

	private HttpResponse<String> route(PartnerFixture.App app, String token, String conversation) {
		String body = "{\"conversationIdentifier\": \"" + conversation + "\", \"routingType\": \"Initial\"}";
		return send(apiRequest("/api/v1/route", app, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private HttpResponse<String> upload(PartnerFixture.App app, String token, String endUser, String entryId) {
		byte[] png = Arrays.copyOf(PNG_SIGNATURE, 2048);
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": %d, "interactionType":
				 "AttachmentInteraction", "id": "%s", "attachmentIndex": 0, "contentLength": %d}]}"""
			.formatted(app.address(), endUser, System.currentTimeMillis(), entryId, png.length))
			.file("attachments", "photo.png", "image/png", png);
		return send(apiRequest("/api/v1/interactions", app, token).header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
	}

	private long rows(String sql, String parameter) {
		return this.jdbc.sql(sql).param(parameter).query(Long.class).single();
	}

}
