package org.byoc.interaction.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.byoc.interaction.attachment.FileSystemAttachmentReceiverTest.assertRefused;
import static org.byoc.interaction.attachment.FileSystemAttachmentReceiverTest.sha256;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.byoc.interaction.contract.ErrorCode;

/**
 * What the S3 store must do against a real S3 protocol server. Subclasses name the server: S3Proxy in this JVM
 * (always) and LocalStack (where Docker exists).
 */
abstract class S3AttachmentStoreContract {

	static final long SMALL_LIMIT = 64 * 1024;

	static final String ORG = "00DXX0000000001";

	@TempDir
	Path tempDir;

	String bucket;

	S3AttachmentStore store;

	AttachmentReceiver receiver;

	abstract URI endpoint();

	abstract String region();

	@BeforeEach
	void createStore() {
		S3ProxyServer.useTestCredentials();
		this.bucket = "attachments-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
		this.store = S3AttachmentStore.create(files(this.bucket, true));
		this.receiver = receiver(this.store, SMALL_LIMIT);
	}

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	InboundFilesProperties files(String bucketName, boolean createBucket) {
		return new InboundFilesProperties(bucketName, "inbound", region(), endpoint(), true, createBucket,
				Duration.ofMinutes(5), Duration.ofMinutes(2));
	}

	static AttachmentReceiver receiver(AttachmentStore store, long limit) {
		return new AttachmentReceiver(store, new ContentTypes(), limit, "inbound", Clock.systemUTC());
	}

	@Test
	void whenPngIsStoredThenThePresignedUrlServesTheSameBytesOverPlainHttp() throws Exception {
		byte[] png = Samples.png();

		StoredAttachment stored = this.receiver.receive(upload("photo.png", png.length, png.length),
				new ByteArrayInputStream(png));
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(this.store.downloadUrl(stored)).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());

		assertThat(stored.mimeType()).isEqualTo("image/png");
		assertThat(stored.storeKey()).startsWith("inbound/" + ORG + "/");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(png);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
	}

	@Test
	void whenPdfIsStoredThenItReadsBackWithItsChecksum() throws Exception {
		byte[] pdf = Samples.pdf();

		StoredAttachment stored = this.receiver.receive(upload("report.pdf", pdf.length, pdf.length),
				new ByteArrayInputStream(pdf));

		assertThat(stored.mimeType()).isEqualTo("application/pdf");
		assertThat(stored.sha256()).isEqualTo(sha256(pdf));
		try (InputStream in = this.store.open(stored.storeKey()).orElseThrow()) {
			assertThat(in.readAllBytes()).isEqualTo(pdf);
		}
	}

	@Test
	void whenZipIsUploadedThenRefusesWith10095AndNothingIsInTheBucket() {
		byte[] zip = Samples.zip();
		AttachmentUpload upload = upload("a.png", zip.length, zip.length);

		assertRefused(() -> this.receiver.receive(upload, new ByteArrayInputStream(zip)), ErrorCode.MIME_TYPE_INVALID);
		assertThat(this.store.exists(this.receiver.key(upload))).isFalse();
	}

	@Test
	void whenFileIsEmptyThenRefusesWith10009() {
		assertRefused(() -> this.receiver.receive(upload("a.png", 0, -1), InputStream.nullInputStream()),
				ErrorCode.FILE_DATA_EMPTY_ERROR);
	}

	@Test
	void whenFileIsOverTheConfiguredLimitThenRefusesWith10008AndNothingIsInTheBucket() throws IOException {
		Path file = Samples.pngFile(this.tempDir, SMALL_LIMIT + 1);
		AttachmentUpload upload = upload("a.png", SMALL_LIMIT + 1, -1);

		try (InputStream in = Files.newInputStream(file)) {
			assertRefused(() -> this.receiver.receive(upload, in), ErrorCode.FILE_SIZE_EXCEEDS_LIMIT_ERROR);
		}
		assertThat(this.store.exists(this.receiver.key(upload))).isFalse();
	}

	@Test
	void whenContentIsShorterThanDeclaredThenRefusesWith10051AndNothingIsInTheBucket() throws IOException {
		Path file = Samples.pngFile(this.tempDir, 20_000);
		AttachmentUpload upload = upload("a.png", 30_000, -1);

		try (InputStream in = Files.newInputStream(file)) {
			assertRefused(() -> this.receiver.receive(upload, in), ErrorCode.CONTENT_LENGTH_ERROR);
		}
		assertThat(this.store.exists(this.receiver.key(upload))).isFalse();
	}

	@Test
	void whenContentIsLongerThanDeclaredThenRefusesWith10051AndTheWrittenObjectIsDeleted() throws IOException {
		Path file = Samples.pngFile(this.tempDir, 30_000);
		AttachmentUpload upload = upload("a.png", 20_000, -1);

		try (InputStream in = Files.newInputStream(file)) {
			assertRefused(() -> this.receiver.receive(upload, in), ErrorCode.CONTENT_LENGTH_ERROR);
		}
		assertThat(this.store.exists(this.receiver.key(upload))).isFalse();
	}

	@Test
	void whenTheBucketIsMissingThenAnswers503() {
		S3AttachmentStore missing = S3AttachmentStore.create(files("no-such-bucket-" + UUID.randomUUID(), false));
		try {
			byte[] png = Samples.png();
			assertRefused(() -> receiver(missing, SMALL_LIMIT)
				.receive(upload("a.png", png.length, png.length), new ByteArrayInputStream(png)),
					ErrorCode.SERVICE_UNAVAILABLE);
		}
		finally {
			missing.close();
		}
	}

	@Test
	void whenFileIs25MegabytesThenItIsStoredAndOneByteMoreIsRefusedWith10008() throws Exception {
		long limit = new AttachmentPropertiesDefaults().maxSize();
		AttachmentReceiver defaults = receiver(this.store, limit);
		Path exact = Samples.pngFile(this.tempDir, 25L * 1024 * 1024);
		Path tooLarge = Samples.pngFile(this.tempDir, 25L * 1024 * 1024 + 1);

		StoredAttachment stored;
		try (InputStream in = Files.newInputStream(exact)) {
			stored = defaults.receive(upload("big.png", Files.size(exact), Files.size(exact)), in);
		}
		AttachmentUpload refused = upload("bigger.png", Files.size(tooLarge), Files.size(tooLarge));
		try (InputStream in = Files.newInputStream(tooLarge)) {
			assertRefused(() -> defaults.receive(refused, in), ErrorCode.FILE_SIZE_EXCEEDS_LIMIT_ERROR);
		}

		assertThat(limit).isEqualTo(26_214_400L);
		assertThat(stored.size()).isEqualTo(26_214_400L);
		assertThat(stored.sha256()).isEqualTo(sha256(Files.readAllBytes(exact)));
		assertThat(this.store.exists(stored.storeKey())).isTrue();
		assertThat(this.store.exists(defaults.key(refused))).isFalse();
	}

	static AttachmentUpload upload(String name, long declared, long partSize) {
		return new AttachmentUpload(ORG, UUID.randomUUID(), UUID.randomUUID(), name, declared, partSize);
	}

}
