package org.byoc.interaction.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hands a store exactly the number of bytes we expect, counting and hashing them on the way. When the source ends
 * early it fails the read (so an HTTP client never sends fewer bytes than its Content-Length) and remembers that
 * the content, not the store, was at fault. Bytes beyond the expected length are left in the source for
 * {@link #hasMore()} to find.
 */
final class MeteredInputStream extends InputStream {

	private final InputStream source;

	private final long expected;

	private final MessageDigest sha256;

	private long count;

	private boolean endedEarly;

	private IOException sourceFailure;

	MeteredInputStream(InputStream source, long expected) {
		this.source = source;
		this.expected = expected;
		try {
			this.sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int n = read(one, 0, 1);
		return (n == -1) ? -1 : (one[0] & 0xFF);
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		long remaining = this.expected - this.count;
		if (remaining <= 0) {
			return -1;
		}
		int n;
		try {
			n = this.source.read(buffer, offset, (int) Math.min(length, remaining));
		}
		catch (IOException ex) {
			this.sourceFailure = ex;
			throw ex;
		}
		if (n == -1) {
			this.endedEarly = true;
			throw new IOException("The content ended after " + this.count + " of " + this.expected + " bytes");
		}
		this.sha256.update(buffer, offset, n);
		this.count += n;
		return n;
	}

	@Override
	public int available() throws IOException {
		return (int) Math.min(this.source.available(), this.expected - this.count);
	}

	/** Closing is the owner's business: the store must not close the request's stream. */
	@Override
	public void close() {
	}

	/** Whether the source holds bytes beyond the expected length. Reads at most one byte. */
	boolean hasMore() throws IOException {
		return this.source.read() != -1;
	}

	long count() {
		return this.count;
	}

	boolean endedEarly() {
		return this.endedEarly;
	}

	/** The failure reading the source (the client's upload), if that is what stopped the store. */
	IOException sourceFailure() {
		return this.sourceFailure;
	}

	boolean complete() {
		return this.count == this.expected;
	}

	String sha256Hex() {
		return HexFormat.of().formatHex(this.sha256.digest());
	}

}
