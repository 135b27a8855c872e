package org.byoc.interaction.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.InteractionApiException;

/** The attachment rules, driven through the receiver into the real filesystem store. */
class FileSystemAttachmentReceiverTest {

	private static final long LIMIT = 4096;

	private static final String ORG = "00DXX0000000001";

	@TempDir
	Path dataDir;

	private FileSystemAttachmentStore store;

	private AttachmentReceiver receiver;

	@BeforeEach
	void setUp() {
		SignedLinks links = new SignedLinks(new byte[32], () -> "http://localhost:1", Duration.ofHours(1),
				Clock.systemUTC());
		this.store = new FileSystemAttachmentStore(this.dataDir.resolve("attachments"), links);
		this.receiver = new AttachmentReceiver(this.store, new ContentTypes(), LIMIT, "", Clock.systemUTC());
	}

	@Test
	void whenPngIsUploadedThenItIsStoredUnderAGeneratedKeyWithDetectedTypeAndChecksum() throws Exception {
		byte[] png = Samples.png();
		AttachmentUpload upload = upload("../../etc/passwd/holiday.jpg", png.length, png.length);

		StoredAttachment stored = this.receiver.receive(upload, new ByteArrayInputStream(png));

		assertThat(stored.mimeType()).isEqualTo("image/png");
		assertThat(stored.size()).isEqualTo(png.length);
		assertThat(stored.sha256()).isEqualTo(sha256(png));
		assertThat(stored.storeKey())
			.isEqualTo(ORG + "/" + upload.conversationId() + "/" + upload.attachmentId());
		assertThat(stored.fileName()).isEqualTo("holiday.jpg");
		assertThat(storedBytes(stored)).isEqualTo(png);
		assertThat(Files.isRegularFile(this.dataDir.resolve("attachments").resolve(stored.storeKey()))).isTrue();
		assertThat(this.store.incomingCount()).isZero();
	}

	@Test
	void whenPdfIsUploadedThenItIsStoredAsPdf() {
		byte[] pdf = Samples.pdf();

		StoredAttachment stored = this.receiver.receive(upload("report.txt", pdf.length, pdf.length),
				new ByteArrayInputStream(pdf));

		assertThat(stored.mimeType()).isEqualTo("application/pdf");
		assertThat(storedBytes(stored)).isEqualTo(pdf);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jpeg", "gif", "bmp" })
	void whenOtherAllowedImageIsUploadedThenItsTypeIsDetected(String format) {
		byte[] image = Samples.image(format);

		StoredAttachment stored = this.receiver.receive(upload("file", image.length, image.length),
				new ByteArrayInputStream(image));

		assertThat(stored.mimeType()).isEqualTo("image/" + format);
	}

	@Test
	void whenMp4IsUploadedThenItIsStoredAsVideoMp4() {
		byte[] mp4 = Samples.mp4();

		StoredAttachment stored = this.receiver.receive(upload("clip.png", mp4.length, mp4.length),
				new ByteArrayInputStream(mp4));

		assertThat(stored.mimeType()).isEqualTo("video/mp4");
	}

	@Test
	void whenTextIsUploadedUnderAPictureNameThenRefusesWith10095AndStoresNothing() throws IOException {
		byte[] text = Samples.text();
		AttachmentUpload upload = upload("picture.png", text.length, text.length);

		assertRefused(() -> this.receiver.receive(upload, new ByteArrayInputStream(text)), ErrorCode.MIME_TYPE_INVALID);
		assertNothingStored(upload);
	}

	@Test
	void whenZipIsUploadedThenRefusesWith10095AndStoresNothing() throws IOException {
		byte[] zip = Samples.zip();
		AttachmentUpload upload = upload("picture.pdf", zip.length, zip.length);

		assertRefused(() -> this.receiver.receive(upload, new ByteArrayInputStream(zip)), ErrorCode.MIME_TYPE_INVALID);
		assertNothingStored(upload);
	}

	@Test
	void whenBytesHaveNoKnownTypeThenRefusesWith10095AndStoresNothing() throws IOException {
		byte[] unknown = Samples.unknownBinary();
		AttachmentUpload upload = upload("photo.jpg", unknown.length, unknown.length);

		assertRefused(() -> this.receiver.receive(upload, new ByteArrayInputStream(unknown)),
				ErrorCode.MIME_TYPE_INVALID);
		assertNothingStored(upload);
	}

	@Test
	void whenFileIsEmptyThenRefusesWith10009() throws IOException {
		AttachmentUpload counted = upload("a.png", 0, 0);
		AttachmentUpload uncounted = upload("a.png", 10, -1);

		assertRefused(() -> this.receiver.receive(counted, InputStream.nullInputStream()),
				ErrorCode.FILE_DATA_EMPTY_ERROR);
		assertRefused(() -> this.receiver.receive(uncounted, InputStream.nullInputStream()),
				ErrorCode.FILE_DATA_EMPTY_ERROR);
		assertNothingStored(counted);
		assertNothingStored(uncounted);
	}

	@Test
	void whenFileHasExactlyTheLimitThenItIsStored() throws IOException {
		byte[] file = Files.readAllBytes(Samples.pngFile(this.dataDir, LIMIT));

		StoredAttachment stored = this.receiver.receive(upload("max.png", LIMIT, LIMIT),
				new ByteArrayInputStream(file));

		assertThat(stored.size()).isEqualTo(LIMIT);
	}

	@Test
	void whenFileIsOneByteOverTheLimitThenRefusesWith10008AndStoresNothing() throws IOException {
		byte[] file = Files.readAllBytes(Samples.pngFile(this.dataDir, LIMIT + 1));
		AttachmentUpload counted = upload("big.png", LIMIT + 1, LIMIT + 1);
		AttachmentUpload uncounted = upload("big.png", LIMIT + 1, -1);

		assertRefused(() -> this.receiver.receive(counted, new ByteArrayInputStream(file)),
				ErrorCode.FILE_SIZE_EXCEEDS_LIMIT_ERROR);
		assertRefused(() -> this.receiver.receive(uncounted, new ByteArrayInputStream(file)),
				ErrorCode.FILE_SIZE_EXCEEDS_LIMIT_ERROR);
		assertNothingStored(counted);
		assertNothingStored(uncounted);
	}

	@Test
	void whenUncountedFileClaimsMoreThanTheLimitButIsSmallThenRefusesWith10051() {
		byte[] png = Samples.png();

		assertRefused(() -> this.receiver.receive(upload("a.png", LIMIT * 10, -1), new ByteArrayInputStream(png)),
				ErrorCode.CONTENT_LENGTH_ERROR);
	}

	@Test
	void whenDeclaredLengthDiffersFromPartSizeThenRefusesWith10051AndStoresNothing() throws IOException {
		byte[] png = Samples.png();
		AttachmentUpload upload = upload("a.png", png.length + 1, png.length);

		assertRefused(() -> this.receiver.receive(upload, new ByteArrayInputStream(png)), ErrorCode.CONTENT_LENGTH_ERROR);
		assertNothingStored(upload);
	}

	@Test
	void whenContentEndsBeforeTheExpectedLengthThenRefusesWith10051AndRemovesWhatWasWritten() throws IOException {
		byte[] file = Files.readAllBytes(Samples.pngFile(this.dataDir, 3000));
		AttachmentUpload uncounted = upload("a.png", 3500, -1);
		AttachmentUpload lyingPart = upload("a.png", 3500, 3500);

		assertRefused(() -> this.receiver.receive(uncounted, new ByteArrayInputStream(file)),
				ErrorCode.CONTENT_LENGTH_ERROR);
		assertRefused(() -> this.receiver.receive(lyingPart, new ByteArrayInputStream(file)),
				ErrorCode.CONTENT_LENGTH_ERROR);
		assertNothingStored(uncounted);
		assertNothingStored(lyingPart);
	}

	@Test
	void whenContentRunsPastTheExpectedLengthThenRefusesWith10051AndRemovesWhatWasWritten() throws IOException {
		byte[] file = Files.readAllBytes(Samples.pngFile(this.dataDir, 3000));
		AttachmentUpload upload = upload("a.png", 2000, -1);

		assertRefused(() -> this.receiver.receive(upload, new ByteArrayInputStream(file)),
				ErrorCode.CONTENT_LENGTH_ERROR);
		assertNothingStored(upload);
	}

	@Test
	void whenTheStoreFailsThenAnswers503AndLeavesNothing() throws IOException {
		byte[] png = Samples.png();
		AttachmentUpload upload = upload("a.png", png.length, png.length);
		Path incoming = this.dataDir.resolve("attachments").resolve(".incoming");
		Files.delete(incoming);
		Files.writeString(incoming, "not a directory any more");

		assertRefused(() -> this.receiver.receive(upload, new ByteArrayInputStream(png)), ErrorCode.SERVICE_UNAVAILABLE);
		assertThat(this.store.exists(this.receiver.key(upload))).isFalse();
	}

	@Test
	void whenPrefixIsConfiguredThenKeysStartWithIt() {
		AttachmentReceiver prefixed = new AttachmentReceiver(this.store, new ContentTypes(), LIMIT, "inbound/files",
				Clock.systemUTC());
		byte[] png = Samples.png();

		StoredAttachment stored = prefixed.receive(upload("a.png", png.length, png.length),
				new ByteArrayInputStream(png));

		assertThat(stored.storeKey()).startsWith("inbound/files/" + ORG + "/");
		assertThat(this.store.exists(stored.storeKey())).isTrue();
	}

	@Test
	void whenClientNameIsOddThenTheDisplayNameIsCleaned() {
		assertThat(AttachmentReceiver.displayName(null)).isEqualTo("attachment");
		assertThat(AttachmentReceiver.displayName("..")).isEqualTo("attachment");
		assertThat(AttachmentReceiver.displayName("C:\\Users\\me\\scan\u0000.pdf")).isEqualTo("scan.pdf");
		assertThat(AttachmentReceiver.displayName("x".repeat(400))).hasSize(255);
	}

	private AttachmentUpload upload(String name, long declared, long partSize) {
		return new AttachmentUpload(ORG, UUID.randomUUID(), UUID.randomUUID(), name, declared, partSize);
	}

	private byte[] storedBytes(StoredAttachment stored) {
		try (InputStream in = this.store.open(stored.storeKey()).orElseThrow()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void assertNothingStored(AttachmentUpload upload) throws IOException {
		assertThat(this.store.exists(this.receiver.key(upload))).isFalse();
		assertThat(this.store.incomingCount()).isZero();
	}

	static void assertRefused(Runnable action, ErrorCode code) {
		assertThatThrownBy(action::run).isInstanceOfSatisfying(InteractionApiException.class,
				ex -> assertThat(ex.errorCode()).isEqualTo(code));
	}

	static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
