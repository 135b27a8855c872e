package org.byoc.interaction.attachment;

import java.time.Instant;
import java.util.UUID;

/**
 * A file that is safely in the attachment store, with what we learned while storing it. Its metadata row exists
 * only once {@link Attachments#record(StoredAttachment)} ran in a committed transaction.
 *
 * @param id the attachment id
 * @param orgKey the org's 15-character id
 * @param conversationId the conversation
 * @param storeKey where the bytes live in the store, generated from the ids
 * @param fileName the client's file name, cleaned for display
 * @param mimeType the type detected from the content (one of the contract's allowlist)
 * @param size the number of bytes stored
 * @param sha256 the lowercase hex SHA-256 of the bytes
 * @param createdAt when the file was received
 */
public record StoredAttachment(UUID id, String orgKey, UUID conversationId, String storeKey, String fileName,
		String mimeType, long size, String sha256, Instant createdAt) {

}
