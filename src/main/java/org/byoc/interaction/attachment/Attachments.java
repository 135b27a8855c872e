package org.byoc.interaction.attachment;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The attachment module's face. Receiving a file is two steps so the conversation module can keep its promise
 * that nothing half-written survives:
 * <ol>
 * <li>{@link #receive} streams the file into the store and applies the contract's rules (10008, 10009, 10051,
 * 10095; a store failure is a 503). On refusal nothing is left in the store.</li>
 * <li>{@link #record} writes the metadata row inside the caller's transaction. If that transaction rolls back,
 * the stored object is deleted automatically; if the caller gives up before recording, it calls
 * {@link #discard}.</li>
 * </ol>
 * The caller checks what only it can know: the AttachmentInteraction's id (10007), its contentLength being present
 * (10010) and the number of files (10011).
 */
public final class Attachments {

	private static final Logger log = LoggerFactory.getLogger(Attachments.class);

	private final AttachmentReceiver receiver;

	private final AttachmentStore store;

	private final AttachmentRepository repository;

	private final MeterRegistry meters;

	Attachments(AttachmentReceiver receiver, AttachmentStore store, AttachmentRepository repository,
			MeterRegistry meters) {
		this.meters = meters;
		this.receiver = receiver;
		this.store = store;
		this.repository = repository;
	}

	/**
	 * Streams {@code content} into the store under a key made of org, conversation and attachment id. Does not close
	 * {@code content}.
	 * @throws org.byoc.interaction.contract.InteractionApiException with 10008, 10009, 10051, 10095 or 503
	 */
	public StoredAttachment receive(AttachmentUpload upload, InputStream content) {
		return this.receiver.receive(upload, content);
	}

	/**
	 * Inserts the metadata row, joining the caller's transaction when there is one. When that transaction rolls
	 * back, the stored object is deleted after the rollback.
	 */
	public void record(StoredAttachment attachment) {
		this.repository.insert(attachment);
		DistributionSummary bytes = DistributionSummary.builder("interactionservice.attachments.bytes")
			.description("Sizes of the files stored (counted once recorded)")
			.baseUnit("bytes")
			.tag("org", attachment.orgKey())
			.tag("mimeType", attachment.mimeType())
			.register(this.meters);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					if (status != STATUS_COMMITTED) {
						discard(attachment);
					}
					else {
						bytes.record(attachment.size());
					}
				}
			});
		}
		else {
			bytes.record(attachment.size());
		}
	}

	/** Deletes a received attachment's object that will never be recorded. Never throws; failures are logged. */
	public void discard(StoredAttachment attachment) {
		log.debug("Discarding attachment {} ({})", attachment.id(), attachment.storeKey());
		this.receiver.deleteQuietly(attachment.storeKey());
	}

	public Optional<StoredAttachment> find(UUID attachmentId) {
		return this.repository.find(attachmentId);
	}

	/**
	 * Whether the attachment's bytes are still in the store (an operator or a bucket's lifecycle rule may have
	 * deleted them after they were recorded).
	 * @throws org.byoc.interaction.contract.InteractionApiException 503 when the store is unavailable
	 */
	public boolean isStored(StoredAttachment attachment) {
		try {
			return this.store.exists(attachment.storeKey());
		}
		catch (AttachmentStoreException ex) {
			log.warn("Attachment store failed checking {}: {}", attachment.storeKey(), AttachmentReceiver.describe(ex));
			throw AttachmentReceiver.unavailable(ex);
		}
	}

	/** The recorded attachments of a conversation, oldest first. */
	public List<StoredAttachment> findByConversation(UUID conversationId) {
		return this.repository.findByConversation(conversationId);
	}

	/**
	 * A link anyone holding it can download the bytes from until it expires ({@code presign-ttl}): a presigned S3
	 * GET, or a signed link to this service's {@code /files/{id}}.
	 */
	public URI downloadUrl(StoredAttachment attachment) {
		return this.store.downloadUrl(attachment);
	}

	/**
	 * Opens a recorded attachment's bytes. Empty when there is no such attachment (or its object is gone).
	 * @throws org.byoc.interaction.contract.InteractionApiException 503 when the store is unavailable
	 */
	public Optional<AttachmentContent> open(UUID attachmentId) {
		Optional<StoredAttachment> attachment = this.repository.find(attachmentId);
		if (attachment.isEmpty()) {
			return Optional.empty();
		}
		try {
			Optional<InputStream> stream = this.store.open(attachment.get().storeKey());
			if (stream.isEmpty()) {
				log.warn("Attachment {} is recorded but its object {} is missing", attachmentId,
						attachment.get().storeKey());
				return Optional.empty();
			}
			return Optional.of(new AttachmentContent(attachment.get(), stream.get()));
		}
		catch (AttachmentStoreException ex) {
			log.warn("Attachment store failed reading {}: {}", attachment.get().storeKey(),
					AttachmentReceiver.describe(ex));
			throw AttachmentReceiver.unavailable(ex);
		}
	}


	/**
	 * The bytes stored under a key (a snapshot of an org copies them), empty when the object is gone.
	 * @throws org.byoc.interaction.contract.InteractionApiException 503 when the store is unavailable
	 */
	public Optional<InputStream> openStored(String storeKey) {
		try {
			return this.store.open(storeKey);
		}
		catch (AttachmentStoreException ex) {
			throw AttachmentReceiver.unavailable(ex);
		}
	}

	/** Puts an object back under its key (restoring a snapshot of an org): whole or not at all. */
	public void restoreStored(String storeKey, InputStream content, long length, String mimeType) {
		try {
			this.store.put(storeKey, content, length, mimeType);
		}
		catch (AttachmentStoreException ex) {
			throw AttachmentReceiver.unavailable(ex);
		}
	}

	/** Deletes an object (the reset of an org); a missing object is no error, a failing store is logged. */
	public void deleteStored(String storeKey) {
		this.receiver.deleteQuietly(storeKey);
	}

}
