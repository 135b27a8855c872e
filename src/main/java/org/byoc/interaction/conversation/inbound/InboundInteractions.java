package org.byoc.interaction.conversation.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.attachment.AttachmentUpload;
import org.byoc.interaction.attachment.Attachments;
import org.byoc.interaction.attachment.StoredAttachment;
import org.byoc.interaction.contract.CanonicalJson;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.InteractionApiException;
import org.byoc.interaction.conversation.ChannelAddresses;
import org.byoc.interaction.conversation.ConcurrentWrites;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.EndUserEntryRecorded;
import org.byoc.interaction.conversation.EndUserTypingChanged;
import org.byoc.interaction.conversation.RoutingAttributes;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.conversation.message.AbstractMessage;
import org.byoc.interaction.conversation.message.Entry;
import org.byoc.interaction.conversation.message.EntryType;
import org.byoc.interaction.conversation.message.Message;
import org.byoc.interaction.conversation.message.MessageDeliveryFailed;
import org.byoc.interaction.conversation.message.MessageType;
import org.byoc.interaction.conversation.message.TypingStartedIndicator;
import org.byoc.interaction.conversation.message.TypingStoppedIndicator;
import org.byoc.interaction.outbound.ConversationEntry;
import org.byoc.interaction.outbound.OutboundEvents;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/interactions} behind the controller: decodes the json part, checks it against the channel,
 * streams a file into the attachment store, then records everything the interaction changes in one transaction.
 */
@Service
public class InboundInteractions {

	private static final Logger log = LoggerFactory.getLogger(InboundInteractions.class);

	private final SetupDirectory setup;

	private final Conversations conversations;

	private final Attachments attachments;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final OutboundEvents outbound;

	private final InteractionMetrics metrics;

	InboundInteractions(SetupDirectory setup, Conversations conversations, Attachments attachments,
			TransactionTemplate transactions, ApplicationEventPublisher events, OutboundEvents outbound,
			InteractionMetrics metrics) {
		this.setup = setup;
		this.conversations = conversations;
		this.attachments = attachments;
		this.transactions = transactions;
		this.events = events;
		this.outbound = outbound;
		this.metrics = metrics;
	}

	/**
	 * Accepts the decoded request of {@code POST /api/v1/interactions} for a channel ({@code authorizationContext})
	 * of {@code orgId}, with its files (an AttachmentInteraction's one file).
	 */
	public InteractionAccepted accept(String orgId, String authorizationContext, InteractionRequest received,
			List<IncomingFile> files) throws IOException {
		try {
			InteractionAccepted accepted = acceptChecked(orgId, authorizationContext, received, files);
			this.metrics.accepted(orgId, InteractionMetrics.typeOf(received));
			log.debug("Accepted {} {} in conversation {}", InteractionMetrics.typeOf(received), accepted.id(),
					accepted.conversationIdentifier());
			return accepted;
		}
		catch (InteractionApiException ex) {
			this.metrics.refused(orgId, InteractionMetrics.typeOf(received), ex.errorCode().code());
			log.debug("Refused {} with {}: {}", InteractionMetrics.typeOf(received), ex.errorCode().code(),
					ex.getMessage());
			throw ex;
		}
	}

	private InteractionAccepted acceptChecked(String orgId, String authorizationContext, InteractionRequest received,
			List<IncomingFile> files) throws IOException {
		Channel channel = channelOf(orgId, authorizationContext, received.to());
		// only attributes the channel declares are kept (and checked for length)
		InteractionRequest request = new InteractionRequest(received.to(), received.from(),
				RoutingAttributes.check(received.routingAttributes(), channel.channelVariables()),
				received.interaction());
		if (request.interaction() instanceof AttachmentInteraction attachment) {
			if (files.size() != 1 || attachment.attachmentIndex() >= files.size()) {
				throw ErrorCode.ATTACHMENTS_INPUT_ERROR.exception("An AttachmentInteraction needs exactly one file "
						+ "in the attachments part at its attachmentIndex; received " + files.size() + ".");
			}
			return acceptAttachment(orgId, channel, request, attachment, files.get(attachment.attachmentIndex()));
		}
		if (!files.isEmpty()) {
			throw ErrorCode.ATTACHMENTS_INPUT_ERROR
				.exception("Files were sent but the interaction is not an AttachmentInteraction.");
		}
		EntryInteraction interaction = (EntryInteraction) request.interaction();
		return ConcurrentWrites
			.retrying(() -> this.transactions.execute((status) -> acceptEntry(orgId, channel, request, interaction)));
	}

	private Channel channelOf(String orgId, String authorizationContext, String addressIdentifier) {
		return ChannelAddresses.channelOf(this.setup, orgId, authorizationContext, addressIdentifier);
	}

	private InteractionAccepted acceptEntry(String orgId, Channel channel, InteractionRequest request,
			EntryInteraction interaction) {
		Entry entry = interaction.entry();
		// a delivery failure is about an entry of an existing conversation: it never starts one
		Conversation conversation = (entry instanceof MessageDeliveryFailed)
				? this.conversations.find(orgId, request.to(), request.from())
					.orElseThrow(() -> ErrorCode.CONVERSATION_ID_NOT_FOUND_ERROR.exception("No conversation on channel "
							+ "address " + request.to() + " with end user " + request.from()
							+ ": there was nothing to deliver to them."))
				: this.conversations.findOrCreate(orgId, channel.developerName(), request.to(), request.from());
		if (entry instanceof TypingStartedIndicator || entry instanceof TypingStoppedIndicator) {
			// typing is state of the conversation, not part of its transcript
			this.conversations.setEndUserTyping(conversation.conversationIdentifier(),
					entry instanceof TypingStartedIndicator);
			this.events.publishEvent(new EndUserTypingChanged(orgId, conversation,
					entry instanceof TypingStartedIndicator));
			return InteractionAccepted.of(entry.id(), conversation, conversation.currentSessionId());
		}
		// the payload tree is built once for both the stored JSON and the retry fingerprint
		ObjectNode payload = entry.entryPayload();
		Conversations.Recorded recorded = record(orgId, conversation, request, interaction.timestamp(),
				entry.entryType().name(), entry.id(), CanonicalJson.write(payload), CanonicalJson.fingerprint(payload),
				null);
		if (recorded.created() && entry instanceof MessageDeliveryFailed failed
				&& failed.failedConversationEntryIdentifier() != null) {
			this.conversations.markDeliveryFailed(conversation.conversationIdentifier(),
					failed.failedConversationEntryIdentifier(), failed.errorCode());
		}
		return InteractionAccepted.of(entry.id(), conversation, recorded.entry().messagingSessionId());
	}

	private InteractionAccepted acceptAttachment(String orgId, Channel channel, InteractionRequest request,
			AttachmentInteraction interaction, IncomingFile file) throws IOException {
		// The conversation is created only with the entry, so a refused file leaves nothing behind; its id is
		// chosen now because the storage key needs it.
		String conversationIdentifier = this.conversations.find(orgId, request.to(), request.from())
			.map(Conversation::conversationIdentifier)
			.orElseGet(() -> UUID.randomUUID().toString());
		AttachmentUpload upload = new AttachmentUpload(OrgIds.key(orgId), UUID.fromString(conversationIdentifier),
				UUID.randomUUID(), file.fileName(), interaction.contentLength(), file.size());
		StoredAttachment stored;
		try (InputStream content = file.open()) {
			stored = this.attachments.receive(upload, content);
		}
		try {
			return ConcurrentWrites.retrying(() -> this.transactions.execute((status) -> {
				Conversation conversation = this.conversations.findOrCreate(orgId, channel.developerName(),
						request.to(), request.from(), conversationIdentifier);
				if (!conversation.conversationIdentifier().equals(conversationIdentifier)) {
					throw ErrorCode.CONVERSATION_PRECONDITION_FAILED
						.exception("The conversation was created concurrently. Retry the request.");
				}
				AbstractMessage message = AbstractMessage.staticAttachments(interaction.id(), interaction.text(),
						List.of(new AbstractMessage.Attachment(stored.id().toString(), stored.fileName(),
								stored.mimeType(), this.attachments.downloadUrl(stored).toString(),
								interaction.id())));
				String payload = new Message(interaction.id(), message).entryPayloadJson();
				// the link in the payload is generated; the file's own checksum is what a retry must repeat
				ObjectNode content = JsonNodeFactory.instance.objectNode();
				content.put("interaction", interaction.contentFingerprint());
				content.put("file", stored.sha256());
				String fingerprint = CanonicalJson.fingerprint(content);
				Conversations.Recorded recorded = record(orgId, conversation, request, interaction.timestamp(),
						EntryType.Message.name(), interaction.id(), payload, fingerprint, stored.id().toString());
				if (recorded.created()) {
					this.attachments.record(stored);
					publishUploadCompleted(channel, conversation, recorded.entry(), message);
				}
				else {
					this.attachments.discard(stored);
				}
				return InteractionAccepted.of(interaction.id(), conversation, recorded.entry().messagingSessionId());
			}));
		}
		catch (RuntimeException ex) {
			this.attachments.discard(stored);
			throw ex;
		}
	}

	/**
	 * Tells the partner the file is in place: a MessageUpdated entry whose message carries each attachment's
	 * upload result (§C.4, §D.5). The file was stored before this transaction, so the result is always Completed.
	 */
	private void publishUploadCompleted(Channel channel, Conversation conversation, TranscriptEntry entry,
			AbstractMessage message) {
		ObjectNode updated = message.tree();
		for (JsonNode attachment : updated.path(MessageType.StaticContentMessage.contentField()).path("attachments")) {
			((ObjectNode) attachment).putObject("attachmentUploadResult")
				.put("resultType", "CompletedAttachmentUploadResult");
		}
		String id = UUID.randomUUID().toString();
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.put("entryType", "MessageUpdated");
		payload.put("id", id);
		payload.set("updatedMessage", updated);
		long now = Instant.now().toEpochMilli();
		this.outbound.publishInteraction(channel, conversation.conversationIdentifier(),
				conversation.channelAddressIdentifier(), Participant.endUser(conversation.endUserClientId()),
				new ConversationEntry(id, "MessageUpdated", CanonicalJson.write(payload), entry.sender(), null, now,
						entry.clientTimestamp(), 0));
	}

	private Conversations.Recorded record(String orgId, Conversation conversation, InteractionRequest request,
			long clientTimestamp, String entryType, String entryId, String payload, String fingerprint,
			String attachmentId) {
		TranscriptEntry entry = new TranscriptEntry(conversation.conversationIdentifier(), entryId,
				conversation.currentSessionId(), entryType, Participant.endUser(request.from()), null, clientTimestamp,
				Instant.now().toEpochMilli(), payload, attachmentId, null);
		Conversations.Recorded recorded = this.conversations.record(orgId, entry, fingerprint);
		if (recorded.created()) {
			this.events.publishEvent(new EndUserEntryRecorded(orgId, conversation.channelDeveloperName(), conversation,
					recorded.entry(), request.routingAttributes()));
		}
		return recorded;
	}

}
