package org.byoc.interaction.attachment;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

/** Real files of the kinds the tests need, made on the fly. */
final class Samples {

	private Samples() {
	}

	static byte[] image(String format) {
		int type = format.equals("png") ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
		BufferedImage image = new BufferedImage(32, 24, type);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.ORANGE);
		g.fillRect(0, 0, 32, 24);
		g.setColor(Color.BLUE);
		g.drawLine(0, 0, 31, 23);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("No ImageIO writer for " + format);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static byte[] png() {
		return image("png");
	}

	/** A minimal but well-formed one-page PDF. */
	static byte[] pdf() {
		String body = "%PDF-1.4\n"
				+ "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
				+ "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
				+ "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
				+ "trailer << /Root 1 0 R >>\n%%EOF\n";
		return body.getBytes(StandardCharsets.US_ASCII);
	}

	/** The start of an MP4 file: an ftyp box naming the mp42 brand, then an empty mdat box. */
	static byte[] mp4() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { 0, 0, 0, 24 });
		out.writeBytes("ftypmp42".getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(new byte[] { 0, 0, 0, 0 });
		out.writeBytes("mp42isom".getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(new byte[] { 0, 0, 0, 8 });
		out.writeBytes("mdat".getBytes(StandardCharsets.US_ASCII));
		return out.toByteArray();
	}

	static byte[] text() {
		return "Hello, this is plain text and no picture at all.\n".repeat(20).getBytes(StandardCharsets.UTF_8);
	}

	static byte[] zip() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("picture.png"));
			zip.write(png());
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/** Bytes no magic matches and that are not text. */
	static byte[] unknownBinary() {
		byte[] bytes = new byte[4096];
		new Random(42).nextBytes(bytes);
		bytes[0] = 0x13;
		bytes[1] = 0x37;
		bytes[2] = 0x00;
		bytes[3] = (byte) 0xFE;
		return bytes;
	}

	/** A real PNG followed by trailing bytes (which PNG readers ignore) up to exactly {@code size} bytes. */
	static Path pngFile(Path dir, long size) throws IOException {
		byte[] png = png();
		Path file = Files.createTempFile(dir, "big-", ".png");
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(png);
			byte[] filler = new byte[64 * 1024];
			new Random(7).nextBytes(filler);
			long remaining = size - png.length;
			while (remaining > 0) {
				int n = (int) Math.min(filler.length, remaining);
				out.write(filler, 0, n);
				remaining -= n;
			}
		}
		return file;
	}

	/**
	 * A stream of {@code size} bytes starting with a PNG, made as it is read (it holds nothing), which runs
	 * {@code probe} once when {@code probeAt} bytes have been read.
	 */
	static InputStream generatedPng(long size, long probeAt, Runnable probe) {
		byte[] head = png();
		return new InputStream() {

			private long position;

			private boolean probed;

			@Override
			public int read() {
				byte[] one = new byte[1];
				return (read(one, 0, 1) == -1) ? -1 : one[0] & 0xFF;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				if (this.position >= size) {
					return -1;
				}
				if (!this.probed && this.position >= probeAt) {
					this.probed = true;
					probe.run();
				}
				int n = (int) Math.min(length, size - this.position);
				for (int i = 0; i < n; i++) {
					long p = this.position + i;
					buffer[offset + i] = (p < head.length) ? head[(int) p] : (byte) (p * 31 + (p >>> 9));
				}
				this.position += n;
				return n;
			}

		};
	}

}
