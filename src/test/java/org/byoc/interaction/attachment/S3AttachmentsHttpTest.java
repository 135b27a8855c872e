package org.byoc.interaction.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.support.AdminKeys;

/** Setting the bucket selects the S3 store; links are presigned S3 GETs. Against S3Proxy, signatures checked. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"management.server.port=0",
		"interactionservice.inbound.files.bucket=interaction-files", "interactionservice.inbound.files.prefix=inbound",
		"interactionservice.inbound.files.path-style=true", "interactionservice.inbound.files.create-bucket=true" })
class S3AttachmentsHttpTest {

	private static final String ORG = "00DXX0000000001";

	static final Path WORK = AdminKeys.freshDir("attachments-s3-http");

	static final Path ADMIN_KEYS = WORK.resolve("admin-keys");

	static final String ADMIN_TOKEN = AdminKeys.tokenFor(ADMIN_KEYS, "1h");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("interactionservice.data-dir", () -> WORK.resolve("data").toString());
		registry.add("interactionservice.admin.public-key", () -> ADMIN_KEYS.resolve("admin_public.pem").toString());
		registry.add("interactionservice.inbound.files.endpoint", () -> S3ProxyServer.sharedEndpoint().toString());
	}

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalManagementPort
	int managementPort;

	@Autowired
	Attachments attachments;

	@Autowired
	AttachmentStore store;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void whenABucketIsConfiguredThenFilesGoToS3AndThePresignedLinkServesThem() throws Exception {
		byte[] png = Samples.png();
		StoredAttachment stored = receiveAndRecord(png, "photo.png");
		URI link = this.attachments.downloadUrl(stored);

		HttpResponse<byte[]> response = this.http.send(HttpRequest.newBuilder(link).GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());

		assertThat(this.store).isInstanceOf(S3AttachmentStore.class);
		assertThat(stored.storeKey()).isEqualTo("inbound/" + ORG + "/" + stored.conversationId() + "/" + stored.id());
		assertThat(link.getPath()).isEqualTo("/interaction-files/" + stored.storeKey());
		assertThat(link.getQuery()).contains("X-Amz-Signature=");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(png);
		assertThat(response.headers().firstValue("Content-Disposition")).get().asString()
			.startsWith("attachment; filename=\"photo.png\"");
	}

	@Test
	void whenTheRecordingTransactionRollsBackThenTheObjectLeavesTheBucket() {
		byte[] pdf = Samples.pdf();
		StoredAttachment stored = this.attachments.receive(
				new AttachmentUpload(ORG, UUID.randomUUID(), UUID.randomUUID(), "a.pdf", pdf.length, pdf.length),
				new ByteArrayInputStream(pdf));
		assertThat(this.store.exists(stored.storeKey())).isTrue();

		try {
			this.transactions.executeWithoutResult(status -> {
				this.attachments.record(stored);
				status.setRollbackOnly();
			});
		}
		finally {
			assertThat(this.attachments.find(stored.id())).isEmpty();
			assertThat(this.store.exists(stored.storeKey())).isFalse();
		}
	}

	@Test
	void whenAnAdminDownloadsAnS3AttachmentThenTheBytesComeThroughTheService() throws Exception {
		byte[] pdf = Samples.pdf();
		StoredAttachment stored = receiveAndRecord(pdf, "statement.pdf");

		HttpResponse<byte[]> response = this.http.send(FileSystemAttachmentsHttpTest.adminGet(this.managementPort,
				"/admin/api/attachments/" + stored.id(), ADMIN_TOKEN), HttpResponse.BodyHandlers.ofByteArray());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(pdf);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(pdf.length));
	}

	private StoredAttachment receiveAndRecord(byte[] content, String name) {
		StoredAttachment stored = this.attachments.receive(
				new AttachmentUpload(ORG, UUID.randomUUID(), UUID.randomUUID(), name, content.length, content.length),
				new ByteArrayInputStream(content));
		this.transactions.executeWithoutResult(status -> this.attachments.record(stored));
		return stored;
	}

}
