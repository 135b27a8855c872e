package org.byoc.interaction.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps files under {@code <data-dir>/attachments}. A file is written to a temporary file in the same filesystem,
 * forced to disk, then moved into place atomically, so a reader never sees half a file.
 */
final class FileSystemAttachmentStore implements AttachmentStore {

	private static final Logger log = LoggerFactory.getLogger(FileSystemAttachmentStore.class);

	private static final int BUFFER_SIZE = 64 * 1024;

	private final Path root;

	private final Path incoming;

	private final SignedLinks links;

	FileSystemAttachmentStore(Path root, SignedLinks links) {
		this.root = root.toAbsolutePath().normalize();
		this.incoming = this.root.resolve(".incoming");
		this.links = links;
		try {
			Files.createDirectories(this.incoming);
		}
		catch (IOException ex) {
			throw new AttachmentStoreException("Cannot create the attachment directory " + this.incoming, ex);
		}
	}

	@Override
	public void put(String key, InputStream content, long length, String mimeType) {
		Path target = resolve(key);
		Path temp = null;
		try {
			temp = Files.createTempFile(this.incoming, "upload-", ".part");
			try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				byte[] buffer = new byte[BUFFER_SIZE];
				ByteBuffer wrapped = ByteBuffer.wrap(buffer);
				int n;
				while ((n = content.read(buffer)) != -1) {
					wrapped.clear().limit(n);
					while (wrapped.hasRemaining()) {
						out.write(wrapped);
					}
				}
				out.force(true);
			}
			Files.createDirectories(target.getParent());
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new AttachmentStoreException("Could not store " + key, ex);
		}
		finally {
			deleteTemp(temp);
		}
	}

	@Override
	public Optional<InputStream> open(String key) {
		try {
			return Optional.of(Files.newInputStream(resolve(key)));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new AttachmentStoreException("Could not open " + key, ex);
		}
	}

	@Override
	public void delete(String key) {
		try {
			Files.deleteIfExists(resolve(key));
		}
		catch (IOException ex) {
			throw new AttachmentStoreException("Could not delete " + key, ex);
		}
	}

	@Override
	public boolean exists(String key) {
		return Files.isRegularFile(resolve(key));
	}

	@Override
	public URI downloadUrl(StoredAttachment attachment) {
		return this.links.link(attachment.id());
	}

	/** Files waiting in the incoming directory; a finished or refused upload leaves none. */
	long incomingCount() throws IOException {
		try (var files = Files.list(this.incoming)) {
			return files.count();
		}
	}

	private Path resolve(String key) {
		Path path = this.root.resolve(key).normalize();
		// keys are ours, but a key must never reach outside the store, nor into the incoming area
		if (!path.startsWith(this.root) || path.startsWith(this.incoming) || path.equals(this.root)) {
			throw new IllegalArgumentException("Not an attachment key: " + key);
		}
		return path;
	}

	private static void deleteTemp(Path temp) {
		if (temp == null) {
			return;
		}
		try {
			Files.deleteIfExists(temp);
		}
		catch (IOException ex) {
			// a stray .part file holds no visible object, but it takes space: name it for the operator
			log.warn("Could not delete the temporary upload file {}: {}", temp, ex.toString());
		}
	}

}
