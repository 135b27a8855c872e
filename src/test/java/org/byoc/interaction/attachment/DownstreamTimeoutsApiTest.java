package org.byoc.interaction.attachment;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.gaul.s3proxy.S3Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10094 from real timeouts: the database (a row another transaction holds, so the statement waits past
 * {@code interactionservice.database.query-timeout}, 1 s here) and S3 (S3Proxy behind a proxy that answers late,
 * past {@code interactionservice.inbound.files.api-call-timeout}, 5 s here). The partner gets 503 with 10094,
 * nothing is written, and the retry succeeds once the downstream answers in time again. With S3 held back a
 * moment, the race behind 10055 can be staged too: the end user's text creates the conversation while their
 * first file is still being stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "interactionservice.inbound.files.bucket=slow-files",
				"interactionservice.inbound.files.path-style=true", "interactionservice.inbound.files.create-bucket=true",
				"interactionservice.inbound.files.api-call-timeout=5s",
				"interactionservice.database.query-timeout=1s" })
class DownstreamTimeoutsApiTest extends PartnerApiTestBase {

	private static final S3Proxy s3 = S3ProxyServer.startNew();

	private static final TcpProxy network = TcpProxy.to("127.0.0.1", s3.getPort());

	@DynamicPropertySource
	static void s3BehindProxy(DynamicPropertyRegistry registry) {
		registry.add("interactionservice.inbound.files.endpoint", () -> "http://127.0.0.1:" + network.port());
	}

	@AfterAll
	static void stop() throws Exception {
		network.close();
		s3.stop();
	}

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whenAnotherTransactionHoldsTheRowPastTheQueryTimeoutThenTheAnswerIs503With10094() throws Exception {
		PartnerFixture.App partner = fixture.partnerA();
		String token = accessToken(partner);
		String endUser = "+1555" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> first = post(partner, token, endUser, typing("TypingStartedIndicator"));
		assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
		String conversation = json(first).get("conversationIdentifier").asString();

		try (Connection holder = this.dataSource.getConnection()) {
			holder.setAutoCommit(false);
			try (PreparedStatement lock = holder.prepareStatement(
					"select end_user_typing from conversation where conversation_identifier = ? for update")) {
				lock.setString(1, conversation);
				try (ResultSet row = lock.executeQuery()) {
					assertThat(row.next()).isTrue();
				}
			}
			long started = System.nanoTime();
			HttpResponse<String> refused = post(partner, token, endUser, typing("TypingStoppedIndicator"));
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
			assertThat(json(refused).get("code").asInt()).isEqualTo(10094);
			assertThat(json(refused).get("message").asString()).contains("did not answer in time");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
			holder.rollback();
		}
		assertThat(typingOf(conversation)).isTrue();

		HttpResponse<String> retried = post(partner, token, endUser, typing("TypingStoppedIndicator"));
		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
		assertThat(typingOf(conversation)).isFalse();
	}

	@Test
	void whenS3AnswersPastTheApiCallTimeoutThenTheUploadIs503With10094AndTheRetrySucceeds() {
		PartnerFixture.App partner = fixture.partnerA();
		String token = accessToken(partner);
		String endUser = "+1555" + UUID.randomUUID().toString().substring(0, 8);
		String id = UUID.randomUUID().toString();

		network.delayResponses(Duration.ofSeconds(7));
		HttpResponse<String> refused;
		try {
			refused = upload(partner, token, endUser, id);
		}
		finally {
			network.delayResponses(Duration.ZERO);
		}
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
		assertThat(json(refused).get("code").asInt()).isEqualTo(10094);
		assertThat(json(refused).get("message").asString()).contains("attachment store");
		assertThat(count("select count(*) from conversation_entry where entry_id = ?", id)).isZero();
		assertThat(count("select count(*) from conversation where end_user_client_id = ?", endUser)).isZero();

		HttpResponse<String> retried = upload(partner, token, endUser, id);
		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
		JsonNode accepted = json(retried);
		assertThat(count("select count(*) from attachment where conversation_identifier = ?",
				accepted.get("conversationIdentifier").asString())).isEqualTo(1);
	}

	@Test
	void whenTheConversationIsCreatedWhileTheFirstFileIsStoredThenTheFileIsRefusedWith10055AndItsRetrySucceeds()
			throws Exception {
		PartnerFixture.App partner = fixture.partnerA();
		String token = accessToken(partner);
		String endUser = "+1555" + UUID.randomUUID().toString().substring(0, 8);
		String id = UUID.randomUUID().toString();
		String textId = UUID.randomUUID().toString();
		long before = network.upstreamBytes();
		network.holdResponses();
		java.util.concurrent.CompletableFuture<HttpResponse<String>> file;
		try {
			file = java.util.concurrent.CompletableFuture.supplyAsync(() -> upload(partner, token, endUser, id));
			// the file has gone to S3, whose answer is held: the service is between its look-up and its write
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (network.upstreamBytes() - before < Samples.png().length && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			HttpResponse<String> text = post(partner, token, endUser, """
					{"timestamp": 1688190840000, "interactionType": "EntryInteraction", "payload": {"id": "%s",
					 "entryType": "Message", "abstractMessage": {"messageType": "StaticContentMessage", "id": "%s",
					 "staticContent": {"formatType": "Text", "text": "meanwhile"}}}}""".formatted(textId, textId));
			assertThat(text.statusCode()).as(text.body()).isEqualTo(202);
		}
		finally {
			network.releaseResponses();
		}
		HttpResponse<String> raced = file.get(30, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(raced.statusCode()).as(raced.body()).isEqualTo(400);
		assertThat(json(raced).get("code").asInt()).isEqualTo(10055);
		assertThat(count("select count(*) from conversation_entry where entry_id = ?", id)).isZero();

		HttpResponse<String> retried = upload(partner, token, endUser, id);
		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
		assertThat(count("select count(*) from conversation where end_user_client_id = ?", endUser)).isEqualTo(1);
	}

	private HttpResponse<String> post(PartnerFixture.App partner, String token, String endUser, String interaction) {
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "%s", "interactions": [%s]}""".formatted(partner.address(), endUser, interaction));
		return send(apiRequest("/api/v1/interactions", partner, token).header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
	}

	private static String typing(String type) {
		return """
				{"timestamp": 1688190840000, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "%s", "timestamp": 1688190840000}}"""
			.formatted(UUID.randomUUID(), type);
	}

	private HttpResponse<String> upload(PartnerFixture.App partner, String token, String endUser, String id) {
		byte[] png = Samples.png();
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": 1688190840000, "interactionType":
				 "AttachmentInteraction", "id": "%s", "attachmentIndex": 0, "contentLength": %d}]}"""
			.formatted(partner.address(), endUser, id, png.length))
			.file("attachments", "photo.png", "image/png", png);
		return send(apiRequest("/api/v1/interactions", partner, token).header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
	}

	private boolean typingOf(String conversation) {
		return this.jdbc.sql("select end_user_typing from conversation where conversation_identifier = ?")
			.param(conversation)
			.query(Boolean.class)
			.single();
	}

	private long count(String sql, String parameter) {
		return this.jdbc.sql(sql).param(parameter).query(Long.class).single();
	}

}
