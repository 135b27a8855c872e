package org.byoc.interaction.conversation.inbound;

import java.io.IOException;
import java.io.InputStream;

/** A file part of an inbound request, as the domain sees it: no servlet types, opened once, streamed. */
public interface IncomingFile {

	/** The client's file name; metadata only, never a storage key. May be null. */
	String fileName();

	/** The size the multipart layer counted, or a negative number when unknown. */
	long size();

	InputStream open() throws IOException;

}
