package org.byoc.interaction.journal.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.jspecify.annotations.Nullable;

/**
 * The conversation a partner call names before the service acts on it: the {@code conversationIdentifier} query
 * parameter, else the {@code conversationIdentifier} of a JSON body (read once and replayed to the service). A
 * multipart call ({@code POST /api/v1/interactions}) names its conversation only by its addresses, so a fault rule
 * for a conversation meets it where the service itself learns it: the attachment store. Read by the journal's
 * filter, and only for an org with such a rule.
 */
public final class NamedConversation {

	/** JSON bodies of the partner API are small; a larger one is not read ahead and names no conversation. */
	private static final int MAX_BODY_BYTES = 1024 * 1024;

	private static final Pattern CONVERSATION = Pattern.compile("\"conversationIdentifier\"\\s*:\\s*\"([^\"]{1,255})\"");

	private NamedConversation() {
	}

	/** The call as the service must see it (its body replayed when it was read) and the conversation it names. */
	public record Call(HttpServletRequest request, @Nullable String conversationIdentifier) {
	}

	public static Call read(HttpServletRequest request) throws IOException {
		String parameter = request.getParameter("conversationIdentifier");
		if (parameter != null && !parameter.isBlank()) {
			return new Call(request, parameter.trim());
		}
		String contentType = request.getContentType();
		long length = request.getContentLengthLong();
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")
				|| length > MAX_BODY_BYTES) {
			return new Call(request, null);
		}
		Replayed replayed = new Replayed(request);
		byte[] body = replayed.head;
		if (body.length > MAX_BODY_BYTES) {
			return new Call(replayed, null);
		}
		Matcher matcher = CONVERSATION.matcher(new String(body, StandardCharsets.UTF_8));
		return new Call(replayed, matcher.find() ? matcher.group(1) : null);
	}

	/** A request whose body was read ahead: the service reads the same bytes (then the rest, for a large one). */
	private static final class Replayed extends HttpServletRequestWrapper {

		private final byte[] head;

		private @Nullable ServletInputStream stream;

		Replayed(HttpServletRequest request) throws IOException {
			super(request);
			this.head = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = replay();
			}
			return this.stream;
		}

		private ServletInputStream replay() throws IOException {
			InputStream bytes = new java.io.SequenceInputStream(new ByteArrayInputStream(this.head),
					super.getInputStream());
			return new ServletInputStream() {

				// byte by byte: the bodies read ahead are small JSON, and the project's rule keeps byte[] parameters at
				// the edges
				private boolean finished;

				@Override
				public int read() throws IOException {
					int b = bytes.read();
					this.finished = b < 0;
					return b;
				}

				@Override
				public boolean isFinished() {
					return this.finished;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("The body was read ahead; read it blocking");
				}

			};
		}

		@Override
		public java.io.BufferedReader getReader() throws IOException {
			String encoding = (getCharacterEncoding() != null) ? getCharacterEncoding() : "UTF-8";
			return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
		}

	}

}
