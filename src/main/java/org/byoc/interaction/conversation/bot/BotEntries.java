package org.byoc.interaction.conversation.bot;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.attachment.AttachmentUpload;
import org.byoc.interaction.attachment.Attachments;
import org.byoc.interaction.attachment.StoredAttachment;
import org.byoc.interaction.contract.CanonicalJson;
import org.byoc.interaction.conversation.ConsentCheck;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.conversation.bot.BotContexts.Context;
import org.byoc.interaction.conversation.bot.BotRequests.EntryQuery;
import org.byoc.interaction.conversation.bot.BotRequests.SendEntry;
import org.byoc.interaction.conversation.bot.BotRequests.SendFile;
import org.byoc.interaction.conversation.capabilities.ChannelCapabilities;
import org.byoc.interaction.conversation.inbound.IncomingFile;
import org.byoc.interaction.conversation.internal.ConversationRepository;
import org.byoc.interaction.conversation.message.AbstractMessage;
import org.byoc.interaction.conversation.message.Entry;
import org.byoc.interaction.conversation.message.EntryType;
import org.byoc.interaction.conversation.message.Message;
import org.byoc.interaction.outbound.Participant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a bot writes to its end user (messages, typing, files) and reads of the conversation (contract §B13, §B16).
 * Everything the end user must see becomes an {@code Interaction} event on the channel's topic, appended in the
 * transaction that records it. Codes: the conversation 10018 / 10070, the bot 10086 / 10087 / 10088, not taking
 * part 10036, the session has ended 10071, the channel's registered capabilities (10049 / 10089).
 */
@Service
class BotEntries {

	private final BotContexts contexts;

	private final Conversations conversations;

	private final ConversationRepository repository;

	private final ChannelCapabilities capabilities;

	private final Attachments attachments;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final ConsentCheck consent;

	BotEntries(BotContexts contexts, Conversations conversations, ConversationRepository repository,
			ChannelCapabilities capabilities, Attachments attachments, TransactionTemplate transactions,
			JsonMapper json, ConsentCheck consent) {
		this.contexts = contexts;
		this.consent = consent;
		this.conversations = conversations;
		this.repository = repository;
		this.capabilities = capabilities;
		this.attachments = attachments;
		this.transactions = transactions;
		this.json = json;
	}

	public void send(BotCaller caller, SendEntry request) {
		Entry entry = request.entry();
		Context context = this.contexts.callerContext(caller, request.conversationIdentifier(),
				request.sender().subject());
		this.contexts.requireTakingPart(context);
		if (entry instanceof Message message) {
			this.consent.requireOptedIn(context.conversation());
			this.capabilities.requireRenderable(caller.orgId(), context.channel().developerName(),
					message.abstractMessage());
		}
		this.transactions.executeWithoutResult((status) -> {
			ObjectNode payload = entry.entryPayload();
			if (entry instanceof Message) {
				payload.putNull("messageReason");
			}
			TranscriptEntry transcript = this.contexts.transcriptEntry(context, entry.id(), entry.entryType().name(),
					payload, request.clientTimestamp(), null);
			if (entry instanceof Message) {
				String fingerprint = CanonicalJson.sha256(entry.contentFingerprint() + "|" + request.sender().subject());
				if (this.conversations.record(caller.orgId(), transcript, fingerprint).created()) {
					this.contexts.publish(context, transcript);
				}
			}
			else {
				// typing is for the end user's screen, not part of the transcript
				this.contexts.publish(context, transcript);
			}
		});
	}

	public EntriesPage entries(BotCaller caller, EntryQuery query) {
		Conversation conversation = this.contexts.conversationOfCaller(caller, query.conversationIdentifier());
		List<EntryView> entries = this.repository
			.entries(conversation.conversationIdentifier(), query.startTime(), query.endTime(), query.limit(),
					query.fromStart())
			.stream()
			.map((entry) -> new EntryView(entry.clientTimestamp(), entry.sender(),
					this.json.readTree(entry.payloadJson())))
			.toList();
		return new EntriesPage(true, entries);
	}

	/**
	 * One file from the bot to the end user, stored under the same rules as an end user's (10007, 10008, 10009,
	 * 10010, 10011, 10095) and sent as an Attachments message.
	 */
	public void upload(BotCaller caller, SendFile request, IncomingFile file) throws IOException {
		String id = request.id();
		Context context = this.contexts.callerContext(caller, request.conversationIdentifier(), request.botId());
		this.contexts.requireTakingPart(context);
		this.consent.requireOptedIn(context.conversation());
		StoredAttachment stored;
		try (InputStream content = file.open()) {
			stored = this.attachments.receive(new AttachmentUpload(caller.orgKey(),
					UUID.fromString(request.conversationIdentifier()), UUID.randomUUID(), file.fileName(),
					request.contentLength(), file.size()), content);
		}
		try {
			this.transactions.executeWithoutResult((status) -> {
				AbstractMessage message = AbstractMessage.staticAttachments(id, request.caption(),
						List.of(new AbstractMessage.Attachment(stored.id().toString(), stored.fileName(),
								stored.mimeType(), this.attachments.downloadUrl(stored).toString(), id)));
				this.capabilities.requireRenderable(caller.orgId(), context.channel().developerName(), message);
				Message entry = new Message(id, message);
				ObjectNode payload = entry.entryPayload();
				payload.putNull("messageReason");
				TranscriptEntry transcript = this.contexts.transcriptEntry(context, id, EntryType.Message.name(),
						payload, request.clientTimestamp(), stored.id().toString());
				String fingerprint = CanonicalJson.sha256(
						id + "|" + request.caption() + "|" + stored.sha256() + "|" + request.botId());
				if (this.conversations.record(caller.orgId(), transcript, fingerprint).created()) {
					this.attachments.record(stored);
					this.contexts.publish(context, transcript);
				}
				else {
					this.attachments.discard(stored);
				}
			});
		}
		catch (RuntimeException ex) {
			this.attachments.discard(stored);
			throw ex;
		}
	}

	/** The answer of {@code GET /api/v1/conversationEntry}. */
	public record EntriesPage(boolean success, List<EntryView> conversationEntries) {
	}

	/** One entry as a bot reads it. */
	public record EntryView(long clientTimestamp, Participant sender, JsonNode entryPayload) {
	}

}
