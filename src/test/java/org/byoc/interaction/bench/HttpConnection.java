package org.byoc.interaction.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection, as lean as a client can be: the load generator shares two cores with the
 * service, so every microsecond it spends is one the service does not get. Requests are prepared bytes; the answer
 * is read to its end (Content-Length or chunked) so the connection can carry the next one.
 */
final class HttpConnection implements Closeable {

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final StringBuilder line = new StringBuilder(128);

	HttpConnection(String host, int port) throws IOException {
		this.socket = new Socket();
		this.socket.setTcpNoDelay(true);
		this.socket.connect(new InetSocketAddress(host, port), 5_000);
		this.socket.setSoTimeout(60_000);
		this.in = new BufferedInputStream(this.socket.getInputStream(), 16 * 1024);
		this.out = new BufferedOutputStream(this.socket.getOutputStream(), 16 * 1024);
	}

	/** Writes the request (head, then the body in pieces, none copied) and reads the whole answer. */
	Response exchange(byte[] head, byte[]... body) throws IOException {
		this.out.write(head);
		for (byte[] piece : body) {
			this.out.write(piece);
		}
		this.out.flush();
		return read();
	}

	private Response read() throws IOException {
		String status = readLine();
		if (status == null) {
			throw new EOFException("connection closed before the answer");
		}
		if (status.length() < 12 || !status.startsWith("HTTP/1.")) {
			throw new IOException("not an HTTP answer: " + status);
		}
		int code = Integer.parseInt(status.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean close = false;
		for (String header = readLine(); header != null && !header.isEmpty(); header = readLine()) {
			int colon = header.indexOf(':');
			if (colon <= 0) {
				continue;
			}
			String name = header.substring(0, colon).trim();
			String value = header.substring(colon + 1).trim();
			if (name.equalsIgnoreCase("Content-Length")) {
				length = Long.parseLong(value);
			}
			else if (name.equalsIgnoreCase("Transfer-Encoding")) {
				chunked = value.equalsIgnoreCase("chunked");
			}
			else if (name.equalsIgnoreCase("Connection")) {
				close = value.equalsIgnoreCase("close");
			}
		}
		byte[] body;
		if (chunked) {
			body = readChunked();
		}
		else if (length >= 0) {
			body = this.in.readNBytes((int) length);
			if (body.length != length) {
				throw new EOFException("answer body cut short");
			}
		}
		else {
			body = this.in.readAllBytes();
			close = true;
		}
		return new Response(code, body, close);
	}

	private byte[] readChunked() throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			String size = readLine();
			if (size == null) {
				throw new EOFException("chunked answer cut short");
			}
			int semicolon = size.indexOf(';');
			int length = Integer.parseInt((semicolon >= 0) ? size.substring(0, semicolon).trim() : size.trim(), 16);
			if (length == 0) {
				for (String trailer = readLine(); trailer != null && !trailer.isEmpty(); trailer = readLine()) {
					// trailers are not needed
				}
				return body.toByteArray();
			}
			byte[] chunk = this.in.readNBytes(length);
			if (chunk.length != length) {
				throw new EOFException("chunk cut short");
			}
			body.writeBytes(chunk);
			readLine();
		}
	}

	/** A header line (ASCII) without its CRLF; null at the end of the stream. */
	private String readLine() throws IOException {
		this.line.setLength(0);
		int c;
		while ((c = this.in.read()) >= 0) {
			if (c == '\n') {
				int end = this.line.length();
				if (end > 0 && this.line.charAt(end - 1) == '\r') {
					this.line.setLength(end - 1);
				}
				return this.line.toString();
			}
			this.line.append((char) c);
		}
		return (this.line.length() > 0) ? this.line.toString() : null;
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// nothing to release
		}
	}

	record Response(int status, byte[] body, boolean close) {

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
