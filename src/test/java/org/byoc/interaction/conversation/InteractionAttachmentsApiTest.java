package org.byoc.interaction.conversation;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.byoc.interaction.attachment.Attachments;
import org.byoc.interaction.conversation.inbound.AttachmentInteraction;
import org.byoc.interaction.support.Multipart;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.byoc.interaction.conversation.InteractionsApiTest.assertRefused;

/** Files through POST /api/v1/interactions: contract checks §F 23–27 and the state each leaves. */
class InteractionAttachmentsApiTest extends InteractionsApiTestBase {

	static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H',
			'D', 'R' };

	static final int MAX = 25 * 1024 * 1024;

	@Autowired
	Attachments attachments;

	@Test
	void whenAPngIsSentWithItsAttachmentInteractionThenTheEntryLinksTheStoredFile() throws Exception {
		byte[] png = png(10_000);
		String id = uuid();
		String from = newEndUser();
		// the file part first: middleware sends parts in any order
		Multipart body = Multipart.of()
			.file("attachments", "../../etc/photo.png", "application/octet-stream", png)
			.json(envelope(partner().address(), from, attachmentInteraction(id, png.length)));
		HttpResponse<String> response = post(partner(), body);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(json(response).get("id").asString()).isEqualTo(id);
		String conversationIdentifier = json(response).get("conversationIdentifier").asString();
		TranscriptEntry entry = this.conversations.transcript(conversationIdentifier).get(0);
		assertThat(entry.entryType()).isEqualTo("Message");
		JsonNode content = json.readTree(entry.payloadJson()).at("/abstractMessage/staticContent");
		assertThat(content.get("formatType").asString()).isEqualTo("Attachments");
		assertThat(content.get("text").asString()).isEqualTo("This is my file");
		JsonNode attachment = content.get("attachments").get(0);
		assertThat(attachment.get("id").asString()).isEqualTo(entry.attachmentId());
		assertThat(attachment.get("mimeType").asString()).isEqualTo("image/png");
		assertThat(attachment.get("name").asString()).doesNotContain("/").endsWith("photo.png");
		assertThat(attachment.get("referenceId").asString()).isEqualTo(id);

		var stored = this.attachments.find(UUID.fromString(entry.attachmentId())).orElseThrow();
		assertThat(stored.size()).isEqualTo(png.length);
		assertThat(stored.storeKey()).doesNotContain("photo").contains(conversationIdentifier);
		HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(attachment.get("url").asString()))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(png);
	}

	@Test
	void whenTheFileCountDoesNotMatchThenItIsRefusedWith10011() {
		String from = newEndUser();
		assertRefused(postJson(envelope(partner().address(), from, attachmentInteraction(uuid(), 100))), 400, 10011);
		Multipart entryWithFile = Multipart.of()
			.json(envelope(partner().address(), from, textMessage(uuid(), "x")))
			.file("attachments", "a.png", "image/png", png(100));
		assertRefused(post(partner(), entryWithFile), 400, 10011);
		Multipart twoFiles = Multipart.of()
			.json(envelope(partner().address(), from, attachmentInteraction(uuid(), 100)))
			.file("attachments", "a.png", "image/png", png(100))
			.file("attachments", "b.png", "image/png", png(100));
		assertRefused(post(partner(), twoFiles), 400, 10011);
		assertThat(this.conversations.find(partner().orgId(), partner().address(), from)).isEmpty();
	}

	@Test
	void whenTheFileBreaksARuleThenItIsRefusedAndNothingIsLeftBehind() {
		String from = newEndUser();
		assertRefused(postFile(from, uuid(), 0, new byte[0]), 400, 10009);
		assertRefused(postFile(from, uuid(), 99, png(100)), 400, 10051);
		assertRefused(postFile(from, uuid(), 11, "hello world".getBytes()), 400, 10095);
		String noLength = """
				{"timestamp": 1, "interactionType": "AttachmentInteraction", "id": "%s", "attachmentIndex": 0}"""
			.formatted(uuid());
		assertRefused(post(partner(), Multipart.of()
			.json(envelope(partner().address(), from, noLength))
			.file("attachments", "a.png", "image/png", png(100))), 400, 10010);
		assertRefused(postFile(from, "", 100, png(100)), 400, 10007);
		// a refused file creates no conversation, no entry, no attachment
		assertThat(this.conversations.find(partner().orgId(), partner().address(), from)).isEmpty();
	}

	@Test
	void whenTheFileIsOneByteOverTheLimitThenItIsRefusedWith10008() {
		HttpResponse<String> response = post(partner(), Multipart.of()
			.json(envelope(partner().address(), newEndUser(), attachmentInteraction(uuid(), MAX + 1L)))
			.file("attachments", "big.png", "image/png", pngStream(MAX + 1L), MAX + 1L));
		assertRefused(response, 400, 10008);
	}

	@Test
	void whenA25MegabyteFileIsUploadedThenTheHeapDoesNotHoldIt() throws Exception {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		long before = memory.getHeapMemoryUsage().getUsed();
		AtomicLong peak = new AtomicLong(before);
		AtomicBoolean running = new AtomicBoolean(true);
		// live heap sampled during the upload: after each forced collection only reachable objects remain
		Thread sampler = new Thread(() -> {
			while (running.get()) {
				System.gc();
				peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		sampler.start();
		HttpResponse<String> response;
		try {
			response = post(partner(), Multipart.of()
				.json(envelope(partner().address(), newEndUser(), attachmentInteraction(uuid(), MAX)))
				.file("attachments", "big.png", "image/png", pngStream(MAX), MAX));
		}
		finally {
			running.set(false);
			sampler.join();
		}
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(peak.get() - before).as("live heap growth during a 25 MB upload").isLessThan(MAX / 2);
	}

	private HttpResponse<String> postFile(String from, String id, long contentLength, byte[] content) {
		return post(partner(), Multipart.of()
			.json(envelope(partner().address(), from, attachmentInteraction(id, contentLength)))
			.file("attachments", "file.bin", "application/octet-stream", content));
	}

	static byte[] png(int size) {
		return Arrays.copyOf(PNG_SIGNATURE, Math.max(size, PNG_SIGNATURE.length));
	}

	/** A PNG-signed stream of {@code size} bytes, generated as it is read so the test never holds it. */
	static Supplier<InputStream> pngStream(long size) {
		return () -> new InputStream() {

			private long position;

			@Override
			public int read() {
				if (this.position >= size) {
					return -1;
				}
				int value = (this.position < PNG_SIGNATURE.length) ? (PNG_SIGNATURE[(int) this.position] & 0xff) : 0;
				this.position++;
				return value;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				if (this.position >= size) {
					return -1;
				}
				int count = (int) Math.min(length, size - this.position);
				for (int i = 0; i < count; i++) {
					buffer[offset + i] = (byte) read();
				}
				return count;
			}

		};
	}

}
