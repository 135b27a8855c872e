package org.byoc.interaction.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.support.AdminKeys;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The default wiring: no bucket, so files go to the filesystem under the data directory, and download links are
 * signed links served on the API port. Also the admin download on the management port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"management.server.port=0" })
class FileSystemAttachmentsHttpTest {

	private static final String ORG = "00DXX0000000001";

	static final Path WORK = AdminKeys.freshDir("attachments-filesystem-http");

	static final Path ADMIN_KEYS = WORK.resolve("admin-keys");

	static final String ADMIN_TOKEN = AdminKeys.tokenFor(ADMIN_KEYS, "1h");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("interactionservice.data-dir", () -> WORK.resolve("data").toString());
		registry.add("interactionservice.admin.public-key", () -> ADMIN_KEYS.resolve("admin_public.pem").toString());
	}

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int apiPort;

	@LocalManagementPort
	int managementPort;

	@Value("${interactionservice.data-dir}")
	Path dataDir;

	@Autowired
	Attachments attachments;

	@Autowired
	AttachmentStore store;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void whenNoBucketIsConfiguredThenFilesGoToTheFilesystemUnderTheDataDirectory() {
		StoredAttachment stored = receiveAndRecord(Samples.png(), "photo.png");

		assertThat(this.store).isInstanceOf(FileSystemAttachmentStore.class);
		assertThat(this.dataDir.resolve("attachments").resolve(stored.storeKey())).isRegularFile();
		assertThat(this.attachments.find(stored.id())).contains(stored);
		assertThat(this.attachments.findByConversation(stored.conversationId())).containsExactly(stored);
	}

	@Test
	void whenTheSignedLinkIsFollowedThenItServesTheBytesWithTypeAndName() throws Exception {
		byte[] pdf = Samples.pdf();
		StoredAttachment stored = receiveAndRecord(pdf, "Quarterly \"report\".pdf");
		URI link = this.attachments.downloadUrl(stored);

		HttpResponse<byte[]> response = get(link);

		assertThat(link.getPort()).isEqualTo(this.apiPort);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(pdf);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(response.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"Quarterly _report_.pdf\"; filename*=UTF-8''Quarterly%20%22report%22.pdf");
	}

	@Test
	void whenTheSignatureIsWrongThenAnswers403() throws Exception {
		StoredAttachment stored = receiveAndRecord(Samples.png(), "photo.png");
		URI link = this.attachments.downloadUrl(stored);
		String tampered = UriComponentsBuilder.fromUri(link).replaceQueryParam("signature", "AAAA").toUriString();

		HttpResponse<String> response = getString(URI.create(tampered));
		HttpResponse<String> unsigned = getString(URI.create(link.toString().substring(0, link.toString().indexOf('?'))));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("\"code\":403");
		assertThat(unsigned.statusCode()).isEqualTo(403);
	}

	@Test
	void whenTheLinkHasExpiredThenAnswers403() throws Exception {
		StoredAttachment stored = receiveAndRecord(Samples.png(), "photo.png");
		byte[] key = SignedLinks.loadOrCreateKey(this.dataDir.resolve("keys").resolve("attachment-links.key"));
		SignedLinks twoHoursAgo = new SignedLinks(key, () -> "http://localhost:" + this.apiPort, Duration.ofHours(1),
				Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC));

		HttpResponse<String> expired = getString(twoHoursAgo.link(stored.id()));

		assertThat(expired.statusCode()).isEqualTo(403);
		assertThat(expired.body()).contains("\"code\":403");
	}

	@Test
	void whenASignedLinkNamesAnUnknownAttachmentThenAnswers404() throws Exception {
		byte[] key = SignedLinks.loadOrCreateKey(this.dataDir.resolve("keys").resolve("attachment-links.key"));
		SignedLinks links = new SignedLinks(key, () -> "http://localhost:" + this.apiPort, Duration.ofHours(1),
				Clock.systemUTC());

		HttpResponse<String> response = getString(links.link(UUID.randomUUID()));

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"code\":404");
	}

	@Test
	void whenTheRecordingTransactionRollsBackThenNoRowRemainsAndTheObjectIsDeleted() {
		byte[] png = Samples.png();
		StoredAttachment stored = this.attachments.receive(upload(png.length), new ByteArrayInputStream(png));

		assertThatThrownBy(() -> this.transactions.executeWithoutResult(status -> {
			this.attachments.record(stored);
			throw new IllegalStateException("the conversation entry could not be written");
		})).hasMessageContaining("conversation entry");

		assertThat(this.attachments.find(stored.id())).isEmpty();
		assertThat(this.store.exists(stored.storeKey())).isFalse();
	}

	@Test
	void whenTheCallerDiscardsAReceivedAttachmentThenTheObjectIsDeleted() {
		byte[] png = Samples.png();
		StoredAttachment stored = this.attachments.receive(upload(png.length), new ByteArrayInputStream(png));

		this.attachments.discard(stored);

		assertThat(this.store.exists(stored.storeKey())).isFalse();
	}

	@Test
	void whenAnAdminDownloadsAnAttachmentThenTheManagementPortServesItAndTheApiPortDoesNot() throws Exception {
		byte[] png = Samples.png();
		StoredAttachment stored = receiveAndRecord(png, "../secret/photo.png");
		String path = "/admin/api/attachments/" + stored.id();

		HttpResponse<byte[]> admin = this.http.send(adminGet(this.managementPort, path, ADMIN_TOKEN),
				HttpResponse.BodyHandlers.ofByteArray());
		HttpResponse<String> withoutToken = this.http.send(adminGet(this.managementPort, path, null),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> onApiPort = this.http.send(adminGet(this.apiPort, path, ADMIN_TOKEN),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> unknown = this.http.send(
				adminGet(this.managementPort, "/admin/api/attachments/" + UUID.randomUUID(), ADMIN_TOKEN),
				HttpResponse.BodyHandlers.ofString());

		assertThat(admin.statusCode()).isEqualTo(200);
		assertThat(admin.body()).isEqualTo(png);
		assertThat(admin.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(admin.headers().firstValue("Content-Disposition")).get().asString()
			.startsWith("attachment; filename=\"photo.png\"");
		assertThat(withoutToken.statusCode()).isEqualTo(401);
		assertThat(onApiPort.statusCode()).isEqualTo(404);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("\"code\":404");
	}

	static HttpRequest adminGet(int port, String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request.build();
	}

	private StoredAttachment receiveAndRecord(byte[] content, String name) {
		AttachmentUpload upload = new AttachmentUpload(ORG, UUID.randomUUID(), UUID.randomUUID(), name,
				content.length, content.length);
		StoredAttachment stored = this.attachments.receive(upload, new ByteArrayInputStream(content));
		this.transactions.executeWithoutResult(status -> this.attachments.record(stored));
		return stored;
	}

	private static AttachmentUpload upload(long size) {
		return new AttachmentUpload(ORG, UUID.randomUUID(), UUID.randomUUID(), "a.png", size, size);
	}

	private HttpResponse<byte[]> get(URI uri) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpResponse<String> getString(URI uri) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

}
