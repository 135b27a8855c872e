package org.byoc.interaction.attachment;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** An open stream of a stored attachment's bytes, with its metadata. The reader must close it. */
public final class AttachmentContent implements Closeable {

	private final StoredAttachment attachment;

	private final InputStream stream;

	AttachmentContent(StoredAttachment attachment, InputStream stream) {
		this.attachment = attachment;
		this.stream = stream;
	}

	public StoredAttachment attachment() {
		return this.attachment;
	}

	public InputStream stream() {
		return this.stream;
	}

	@Override
	public void close() throws IOException {
		this.stream.close();
	}

}
