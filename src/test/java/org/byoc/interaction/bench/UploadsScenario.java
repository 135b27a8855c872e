package org.byoc.interaction.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import javax.imageio.ImageIO;

/**
 * AttachmentInteractions with a 1 MB and a 25 MB file (a real PNG padded with random bytes, which PNG readers
 * ignore), one at a time and eight at once: MB/s of file content accepted, and the service's peak heap compared
 * with its heap right before the case (after a full GC when the pid is known).
 */
final class UploadsScenario {

	private static final String INTERACTIONS = "/api/v1/interactions";

	private static final int MB = 1024 * 1024;

	private static final int PROBES = 3;

	private final BenchOptions options;

	private final PartnerRequests requests;

	private final LoadRunner runner;

	private final String run = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 100_000));

	UploadsScenario(BenchOptions options) {
		this.options = options;
		this.requests = PartnerRequests.of(options);
		this.runner = PartnerRequests.runner(options, 202);
	}

	void run(Report report) throws InterruptedException {
		boolean quick = this.options.quick();
		HeapSampler heap = (this.options.management() != null && this.options.adminToken() != null)
				? new HeapSampler(this.options.management(), this.options.adminToken(), this.options.pid()) : null;
		// the end users' conversations exist before the files come, as in a real conversation
		LoadRunner.Result created = this.runner.closed("conversations", Duration.ofSeconds(30), 1, 8,
				(i, due) -> this.requests.textMessage(INTERACTIONS, from(i), "Here comes a file"));
		if (created.errorCount() > 0) {
			throw new IllegalStateException("could not start the upload conversations: " + created.errorText());
		}
		record Case(int sizeMb, int concurrency, int uploads) {
		}
		List<Case> cases = List.of(new Case(1, 1, quick ? 10 : 40), new Case(1, 8, quick ? 24 : 120),
				new Case(25, 1, quick ? 2 : 6), new Case(25, 8, quick ? 8 : 24));
		report.line("## Attachment uploads");
		report.line("");
		report.line("AttachmentInteractions with one PNG file each, back to back on 1 or 8 connections. MB/s counts "
				+ "file content accepted (202). Heap, measured after the timed uploads: " + PROBES + " more batches of "
				+ "as many uploads as the case has in flight (1 or 8), each after a full GC (`jcmd GC.run`, when the "
				+ "pid is known), while the service's `jvm.memory.used` (area heap) is polled every 50 ms; the batch "
				+ "with the largest growth is shown. Peak growth per upload = (peak − baseline) ÷ uploads in the batch; "
				+ "it includes garbage not yet collected (and the polling's own), so it is an upper bound. Live growth "
				+ "per upload: the same from the heap read right after a full GC forced while the batch is in flight "
				+ "(0.15 s into the 1 MB cases, 0.4 s into the 25 MB ones): what the uploads actually hold. Results "
				+ "before 2026-12-03 20:00 took one peak over the whole timed case, so they counted every earlier "
				+ "upload's garbage again (up to 6 times).");
		report.line("");
		report.row("file", "concurrent", "uploads", "MB/s", "p50 ms", "p99 ms", "heap baseline MB", "heap peak MB",
				"peak growth per upload MB", "live growth per upload MB", "errors");
		report.row("---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---");
		byte[] warmFile = png(MB);
		this.runner.closed("warm-up", Duration.ofSeconds(20), 2, 6,
				(i, due) -> this.requests.attachment(INTERACTIONS, from(i), warmFile, "warm.png", "image/png"));
		for (Case c : cases) {
			byte[] file = png(c.sizeMb() * MB);
			Report.progress("uploads: " + c.uploads() + " x " + c.sizeMb() + " MB on " + c.concurrency()
					+ " connections");
			LoadRunner.Result result = this.runner.closed(c.sizeMb() + " MB", Duration.ofSeconds(quick ? 40 : 90),
					c.concurrency(), c.uploads(),
					(i, due) -> this.requests.attachment(INTERACTIONS, from(i), file, "bench.png", "image/png"));
			double mbPerSecond = result.ok() * (double) c.sizeMb() / result.seconds();
			Report.progress(String.format("  %.1f MB/s, errors %s", mbPerSecond, result.errorText()));
			HeapGrowth growth = (heap != null) ? heapGrowth(heap, c.sizeMb(), c.concurrency(), file) : null;
			report.row(c.sizeMb() + " MB", c.concurrency(), result.ok(), String.format("%.1f", mbPerSecond),
					Latencies.ms(result.latencies().millis(0.5)), Latencies.ms(result.latencies().millis(0.99)),
					(growth != null) ? mb(growth.baseline()) : "–", (growth != null) ? mb(growth.peak()) : "–",
					(growth != null) ? String.format("%.1f", growth.peakPerUpload() / MB) : "–",
					(growth != null && growth.livePerUpload() >= 0)
							? String.format("%.1f", growth.livePerUpload() / MB) : "–",
					result.errorText());
		}
		report.flush();
	}

	/**
	 * Heap growth per upload, the largest of {@value #PROBES} batches: each batch is as many uploads as are in flight
	 * in the case, after a full GC, so the garbage of earlier uploads is not counted again for later ones.
	 */
	private HeapGrowth heapGrowth(HeapSampler heap, int sizeMb, int concurrency, byte[] file)
			throws InterruptedException {
		HeapGrowth largest = null;
		for (int probe = 0; probe < PROBES; probe++) {
			heap.collectGarbage();
			long baseline = heap.heapUsed();
			heap.start(Duration.ofMillis(sizeMb > 1 ? 400 : 150));
			this.runner.closed("heap probe", Duration.ofSeconds(60), concurrency, concurrency,
					(i, due) -> this.requests.attachment(INTERACTIONS, from(i), file, "probe.png", "image/png"));
			long peak = heap.stop();
			long live = heap.liveDuring();
			HeapGrowth growth = new HeapGrowth(baseline, peak, (peak - baseline) / (double) concurrency,
					(live >= 0) ? (live - baseline) / (double) concurrency : -1);
			if (largest == null || growth.peakPerUpload() > largest.peakPerUpload()) {
				largest = growth;
			}
		}
		return largest;
	}

	private record HeapGrowth(long baseline, long peak, double peakPerUpload, double livePerUpload) {
	}

	private String from(int i) {
		return "+1777" + this.run + (i % 8);
	}

	private static String mb(long bytes) {
		return (bytes < 0) ? "–" : String.format("%.0f", bytes / (double) MB);
	}

	/** A real PNG followed by random bytes up to {@code size}. */
	static byte[] png(int size) {
		BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.ORANGE);
		g.fillRect(0, 0, 32, 24);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		byte[] png = out.toByteArray();
		byte[] file = new byte[size];
		new Random(size).nextBytes(file);
		System.arraycopy(png, 0, file, 0, png.length);
		return file;
	}

}
