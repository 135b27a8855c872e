package org.byoc.interaction.attachment;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.gaul.s3proxy.S3Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 goes away in the middle of a file's upload (S3Proxy behind a TCP proxy that resets the connection after
 * 1 MB of a 6 MB file): the partner gets 503 with code 503, no entry, no attachment row and no object; once S3 is
 * back the partner's retry of the same interaction succeeds, once, without a restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "interactionservice.inbound.files.bucket=outage-files",
				"interactionservice.inbound.files.path-style=true", "interactionservice.inbound.files.create-bucket=true" })
class S3OutageMidUploadTest extends PartnerApiTestBase {

	private static final S3Proxy s3 = S3ProxyServer.startNew();

	private static final TcpProxy network = TcpProxy.to("127.0.0.1", s3.getPort());

	private static final int SIZE = 6 * 1024 * 1024;

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
	JdbcClient jdbc;

	@Test
	void whenS3DiesMidUploadThenTheAnswerIs503AndNothingRemainsAndTheRetrySucceedsOnceItIsBack() {
		PartnerFixture.App partner = fixture.partnerA();
		String token = accessToken(partner);
		String endUser = "+1555" + UUID.randomUUID().toString().substring(0, 8);
		String id = UUID.randomUUID().toString();

		long attachmentRows = this.jdbc.sql("select count(*) from attachment").query(Long.class).single();
		network.cutAfterUpstreamBytes(1024 * 1024);
		long before = network.upstreamBytes();
		HttpResponse<String> refused = upload(partner, token, endUser, id);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
		assertThat(json(refused).get("code").asInt()).isEqualTo(503);
		assertThat(json(refused).get("message").asString()).contains("attachment store");
		// it really was cut mid-file, not before the upload began
		assertThat(network.upstreamBytes() - before).isBetween(1024L * 1024, (long) SIZE);

		network.restore();
		assertThat(rows("select count(*) from conversation_entry where entry_id = ?", id)).isZero();
		assertThat(this.jdbc.sql("select count(*) from attachment").query(Long.class).single()).isEqualTo(attachmentRows);
		assertThat(rows("select count(*) from conversation where end_user_client_id = ?", endUser)).isZero();
		assertThat(objects()).noneMatch((o) -> o.size() > 0 && o.size() < SIZE);

		HttpResponse<String> retried = upload(partner, token, endUser, id);
		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
		JsonNode accepted = json(retried);
		String conversation = accepted.get("conversationIdentifier").asString();
		assertThat(rows("select count(*) from conversation_entry where entry_id = ?", id)).isEqualTo(1);
		assertThat(rows("select count(*) from attachment where conversation_identifier = ?", conversation)).isEqualTo(1);
		assertThat(objects()).filteredOn((o) -> o.key().contains(conversation))
			.singleElement()
			.satisfies((o) -> assertThat(o.size()).isEqualTo((long) SIZE));
	}

	private HttpResponse<String> upload(PartnerFixture.App partner, String token, String endUser, String id) {
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": 1688190840000, "interactionType":
				 "AttachmentInteraction", "id": "%s", "attachmentIndex": 0, "contentLength": %d}]}"""
			.formatted(partner.address(), endUser, id, SIZE))
			.file("attachments", "big.png", "image/png", () -> Samples.generatedPng(SIZE, -1, () -> {
			}), SIZE);
		return send(apiRequest("/api/v1/interactions", partner, token).header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
	}

	private long rows(String sql, String parameter) {
		return this.jdbc.sql(sql).param(parameter).query(Long.class).single();
	}

	private static List<S3Object> objects() {
		try (S3Client client = S3Client.builder()
			.region(Region.US_EAST_1)
			.endpointOverride(S3ProxyServer.endpoint(s3))
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
			.build()) {
			return client.listObjectsV2Paginator((b) -> b.bucket("outage-files")).contents().stream().toList();
		}
	}

}
