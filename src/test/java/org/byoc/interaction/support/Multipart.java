package org.byoc.interaction.support;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A multipart/form-data body as partner middleware (or curl -F) sends it: a {@code json} part and file parts, in
 * the order added. Large files are streamed from a supplier so tests never hold them twice.
 */
public final class Multipart {

	private final String boundary = "----interaction-test-" + UUID.randomUUID();

	private final List<Supplier<InputStream>> pieces = new ArrayList<>();

	private long length;

	public static Multipart of() {
		return new Multipart();
	}

	/** The {@code json} part as curl's {@code -F "json=...;type=application/json"} writes it (a field, no file name). */
	public Multipart json(String json) {
		return field("json", "application/json", json.getBytes(StandardCharsets.UTF_8));
	}

	public Multipart field(String name, String contentType, byte[] value) {
		String head = "--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n"
				+ ((contentType != null) ? "Content-Type: " + contentType + "\r\n" : "") + "\r\n";
		return add(head, () -> new java.io.ByteArrayInputStream(value), value.length);
	}

	public Multipart file(String name, String fileName, String contentType, byte[] content) {
		return file(name, fileName, contentType, () -> new java.io.ByteArrayInputStream(content), content.length);
	}

	public Multipart file(String name, String fileName, String contentType, Supplier<InputStream> content, long size) {
		String head = "--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
				+ fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
		return add(head, content, size);
	}

	private Multipart add(String head, Supplier<InputStream> content, long size) {
		byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
		this.pieces.add(() -> new java.io.ByteArrayInputStream(headBytes));
		this.pieces.add(content);
		this.pieces.add(() -> new java.io.ByteArrayInputStream("\r\n".getBytes(StandardCharsets.US_ASCII)));
		this.length += headBytes.length + size + 2;
		return this;
	}

	public String contentType() {
		return "multipart/form-data; boundary=" + this.boundary;
	}

	/** A publisher with a Content-Length. */
	public HttpRequest.BodyPublisher publisher() {
		byte[] end = ("--" + this.boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
		long total = this.length + end.length;
		return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> stream(end)),
				total);
	}

	/** A publisher without a length: the request goes out chunked, as some middleware sends it. */
	public HttpRequest.BodyPublisher chunkedPublisher() {
		byte[] end = ("--" + this.boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
		return HttpRequest.BodyPublishers.ofInputStream(() -> stream(end));
	}

	public byte[] bytes() {
		byte[] end = ("--" + this.boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
		try (InputStream in = stream(end); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			in.transferTo(out);
			return out.toByteArray();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private InputStream stream(byte[] end) {
		List<InputStream> streams = new ArrayList<>();
		for (Supplier<InputStream> piece : this.pieces) {
			streams.add(piece.get());
		}
		streams.add(new java.io.ByteArrayInputStream(end));
		return new SequenceInputStream(Collections.enumeration(streams));
	}

}
