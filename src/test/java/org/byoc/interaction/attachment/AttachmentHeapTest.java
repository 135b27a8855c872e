package org.byoc.interaction.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 25 MB upload must not sit in the heap. The stream is generated as it is read (it holds nothing itself), and the
 * heap is measured after a GC before the upload, in the middle of it (from inside the stream, when 20 MB have
 * passed: anything buffering the file would hold those 20 MB right then) and after it.
 */
class AttachmentHeapTest {

	private static final long SIZE = 25L * 1024 * 1024;

	private static final long PROBE_AT = 20L * 1024 * 1024;

	private static final long ALLOWED_GROWTH = 5L * 1024 * 1024;

	private static final String ORG = "00DXX0000000001";

	@TempDir
	Path dataDir;

	@Test
	void whenA25MegabyteStreamGoesToTheFilesystemStoreThenTheHeapDoesNotGrowWithIt() {
		SignedLinks links = new SignedLinks(new byte[32], () -> "http://localhost:1", Duration.ofHours(1),
				Clock.systemUTC());
		FileSystemAttachmentStore store = new FileSystemAttachmentStore(this.dataDir.resolve("attachments"), links);

		assertHeapStaysFlat(receiver(store));
	}

	@Test
	void whenA25MegabyteStreamGoesToTheS3StoreThenTheHeapDoesNotGrowWithIt() {
		S3ProxyServer.useTestCredentials();
		String bucket = "heap-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
		try (S3AttachmentStore store = S3AttachmentStore.create(new InboundFilesProperties(bucket, "", "us-east-1",
				S3ProxyServer.sharedEndpoint(), true, true, Duration.ofMinutes(5), Duration.ofMinutes(2)))) {
			assertHeapStaysFlat(receiver(store));
		}
	}

	private static void assertHeapStaysFlat(AttachmentReceiver receiver) {
		// warm up: first use loads classes and fills caches that are not about file size
		byte[] png = Samples.png();
		receiver.receive(upload(png.length), new ByteArrayInputStream(png));

		long before = usedHeapAfterGc();
		long[] during = new long[1];
		StoredAttachment stored = receiver.receive(upload(SIZE),
				Samples.generatedPng(SIZE, PROBE_AT, () -> during[0] = usedHeapAfterGc()));
		long after = usedHeapAfterGc();

		assertThat(stored.size()).isEqualTo(SIZE);
		assertThat(during[0]).as("heap while 20 MB had been streamed").isPositive();
		assertThat(during[0] - before).as("heap growth in the middle of the upload").isLessThan(ALLOWED_GROWTH);
		assertThat(after - before).as("heap growth after the upload").isLessThan(ALLOWED_GROWTH);
	}

	private static AttachmentReceiver receiver(AttachmentStore store) {
		return new AttachmentReceiver(store, new ContentTypes(), new AttachmentPropertiesDefaults().maxSize(), "",
				Clock.systemUTC());
	}

	private static AttachmentUpload upload(long size) {
		return new AttachmentUpload(ORG, UUID.randomUUID(), UUID.randomUUID(), "big.png", size, -1);
	}

	/** The lowest of a few readings, each after a full GC, to keep concurrent garbage out of the number. */
	private static long usedHeapAfterGc() {
		long lowest = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			lowest = Math.min(lowest, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return lowest;
	}

}
