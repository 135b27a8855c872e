package org.byoc.interaction.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.byoc.interaction.agent.AgentEntries.Context;
import org.byoc.interaction.attachment.Attachments;
import org.byoc.interaction.attachment.StoredAttachment;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.conversation.capabilities.ChannelCapabilities;
import org.byoc.interaction.conversation.message.AbstractMessage;
import org.byoc.interaction.outbound.ConversationEntry;
import org.byoc.interaction.outbound.OutboundEvents.PublishedEvent;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.routing.consent.Consents;

/**
 * What an agent does in a conversation: reply (text and files), type, show progress, join and leave. Each action is
 * an entry the end user's side must learn about, so each appends an {@code Interaction} event to the channel's topic
 * in the same transaction that records it. Nothing goes to an end user who opted out (15103).
 */
@Service
public class AgentActions {

	/** The MessageDeliveryFailed errorCode when a message names a file whose bytes are gone from the store. */
	static final String ATTACHMENT_NOT_FOUND = "AttachmentNotFound";

	/** The longest progress text (§D.5: progressMessage.text, at most 255 characters). */
	static final int MAX_PROGRESS_TEXT = 255;

	private final AgentEntries entries;

	private final Conversations conversations;

	private final Attachments attachments;

	private final ChannelCapabilities capabilities;

	private final Consents consents;

	private final JsonMapper json;

	AgentActions(AgentEntries entries, Conversations conversations, Attachments attachments,
			ChannelCapabilities capabilities, Consents consents, JsonMapper json) {
		this.entries = entries;
		this.conversations = conversations;
		this.attachments = attachments;
		this.capabilities = capabilities;
		this.consents = consents;
		this.json = json;
	}

	/**
	 * A reply from the agent: a Text message, or an Attachments message when files are named. A channel that
	 * registered its capabilities must have registered the reply's message and format type (10049); an end user who
	 * opted out gets nothing (15103). A named file whose bytes are no longer in the store cannot reach the end user:
	 * the message is recorded as the agent sent it, marked undelivered, and the partner receives a
	 * MessageDeliveryFailed for it instead of the message. With an {@code id} the caller chose, a retry answers the
	 * recorded message without recording or publishing it again, and the same id for another message is refused
	 * (10073).
	 */
	@Transactional
	public Sent sendMessage(String conversationIdentifier, String senderUserId, String text,
			List<String> attachmentIds, @Nullable String id) {
		Context context = this.entries.context(conversationIdentifier, senderUserId);
		this.consents.requireOptedIn(context.conversation());
		String entryId = AgentNotes.entryId(id);
		AbstractMessage message;
		List<StoredAttachment> files = List.of();
		if (attachmentIds == null || attachmentIds.isEmpty()) {
			if (text == null || text.isBlank()) {
				throw ErrorCode.INVALID_PARAMETERS.exception("A message needs text or attachmentIds.");
			}
			message = AbstractMessage.staticText(entryId, text);
		}
		else {
			files = files(context.conversation(), attachmentIds);
			message = AbstractMessage.staticAttachments(entryId, text, files.stream()
				.map((stored) -> new AbstractMessage.Attachment(stored.id().toString(), stored.fileName(),
						stored.mimeType(), this.attachments.downloadUrl(stored).toString(), null))
				.toList());
		}
		this.capabilities.requireRenderable(context.conversation().orgKey(), context.channel().developerName(), message);
		ObjectNode payload = this.entries.payload("Message", entryId);
		payload.set("abstractMessage", message.tree());
		payload.putNull("messageReason");
		Optional<StoredAttachment> gone = files.stream().filter((file) -> !this.attachments.isStored(file)).findFirst();
		if (gone.isEmpty() && id != null) {
			String named = (attachmentIds != null) ? String.join(",", attachmentIds) : "";
			return this.entries.recordOnce(context, entryId, payload,
					AgentNotes.hash("Message", context, text + "\u0000" + named), null);
		}
		if (gone.isEmpty()) {
			return this.entries.record(context, entryId, payload, true, null);
		}
		return undeliverable(context, entryId, payload, gone.get());
	}

	/** The agent starts or stops typing: an event for the end user, no transcript entry. */
	@Transactional
	public Sent typing(String conversationIdentifier, String senderUserId, boolean typing) {
		Context context = this.entries.context(conversationIdentifier, senderUserId);
		String entryId = UUID.randomUUID().toString();
		ObjectNode payload = this.entries.payload(typing ? "TypingStartedIndicator" : "TypingStoppedIndicator",
				entryId);
		payload.put("timestamp", Instant.now().toEpochMilli());
		return this.entries.record(context, entryId, payload, false, null);
	}

	/**
	 * The agent tells the end user what is going on ("Looking up your order…"): a ProgressIndicator (§D.5), only on a
	 * channel that registered {@code progressIndicatorTypeCapabilities} with PATCH /api/v1/capabilities (10098
	 * otherwise). Like typing, it is not part of the transcript.
	 */
	@Transactional
	public Sent progress(String conversationIdentifier, String senderUserId, String text) {
		requireProgressText(text);
		return progress(this.entries.context(conversationIdentifier, senderUserId), text);
	}

	/** A bot taking part in the conversation shows progress, as an agent does (10086, 10036 for other bots). */
	@Transactional
	public Sent progressByBot(String conversationIdentifier, String botId, String text) {
		requireProgressText(text);
		return progress(this.entries.bot(conversationIdentifier, botId), text);
	}

	private static void requireProgressText(String text) {
		if (text == null || text.isBlank() || text.length() > MAX_PROGRESS_TEXT) {
			throw ErrorCode.INVALID_PARAMETERS
				.exception("text is required: the progress message, 1 to " + MAX_PROGRESS_TEXT + " characters.");
		}
	}

	private Sent progress(Context context, String text) {
		if (!this.capabilities.rendersProgressIndicators(context.conversation().orgKey(),
				context.channel().developerName())) {
			throw ErrorCode.PROGRESS_INDICATOR_CAPABILITIES_EMPTY.exception("Channel "
					+ context.channel().developerName() + " has not registered progressIndicatorTypeCapabilities "
					+ "(ProgressUpdateIndicator) with PATCH /api/v1/capabilities, so it cannot show progress indicators.");
		}
		this.consents.requireOptedIn(context.conversation());
		String entryId = UUID.randomUUID().toString();
		ObjectNode payload = this.entries.payload("ProgressIndicator", entryId);
		ObjectNode indicator = payload.putObject("progressIndicator");
		indicator.put("indicatorType", "ProgressUpdateIndicator");
		indicator.put("timestamp", Instant.now().toEpochMilli());
		ObjectNode progressMessage = indicator.putObject("progressMessage");
		progressMessage.put("formatType", "Text");
		progressMessage.put("text", text);
		return this.entries.record(context, entryId, payload, false, null);
	}

	/** The agent joins ({@code add}) or leaves ({@code remove}) the conversation: a ParticipantChanged entry. */
	@Transactional
	public Sent changeParticipant(String conversationIdentifier, String userId, String operation) {
		if (!"add".equals(operation) && !"remove".equals(operation)) {
			throw ErrorCode.PARTICIPANT_OPERATION_INVALID.exception("operation must be add or remove.");
		}
		Context context = this.entries.context(conversationIdentifier, userId);
		String entryId = UUID.randomUUID().toString();
		ObjectNode payload = this.entries.payload("ParticipantChanged", entryId);
		ObjectNode change = payload.putArray("entries").addObject();
		change.put("operation", operation);
		change.set("participant", this.json.valueToTree(context.agent()));
		change.put("displayName", context.displayName());
		return this.entries.record(context, entryId, payload, true, null);
	}

	/**
	 * The message stays in the transcript as the agent sent it, marked with the failure; the partner learns of it
	 * from the service itself (sender System), since nothing it could deliver exists.
	 */
	private Sent undeliverable(Context context, String entryId, ObjectNode payload, StoredAttachment gone) {
		long now = Instant.now().toEpochMilli();
		Conversation conversation = context.conversation();
		this.conversations.record(conversation.orgKey(),
				new TranscriptEntry(conversation.conversationIdentifier(), entryId,
						conversation.currentSessionId(), "Message", context.agent(), context.displayName(), now, now,
						this.json.writeValueAsString(payload), null, ATTACHMENT_NOT_FOUND),
				entryId);
		String failureId = UUID.randomUUID().toString();
		ObjectNode failure = this.entries.payload("MessageDeliveryFailed", failureId);
		failure.set("recipient", this.json.valueToTree(Participant.endUser(conversation.endUserClientId())));
		failure.put("errorCode", ATTACHMENT_NOT_FOUND);
		failure.put("failedConversationEntryIdentifier", entryId);
		failure.put("errorMessage", "The file " + gone.fileName() + " (" + gone.id()
				+ ") is no longer stored, so the message cannot be delivered.");
		Participant system = new Participant("conversation", conversation.conversationIdentifier(), "System");
		PublishedEvent event = this.entries.publish(context, new ConversationEntry(failureId, "MessageDeliveryFailed",
				this.json.writeValueAsString(failure), system, null, now, now, 0));
		return new Sent(entryId, conversation.conversationIdentifier(), event.eventId(), ATTACHMENT_NOT_FOUND);
	}

	private List<StoredAttachment> files(Conversation conversation, List<String> attachmentIds) {
		List<StoredAttachment> files = new ArrayList<>();
		for (String id : attachmentIds) {
			files.add(parse(id).flatMap(this.attachments::find)
				.filter((a) -> a.conversationId().toString().equals(conversation.conversationIdentifier()))
				.orElseThrow(() -> ErrorCode.INVALID_PARAMETERS
					.exception("No attachment " + id + " was uploaded for this conversation.")));
		}
		return files;
	}

	private static Optional<UUID> parse(String id) {
		try {
			return Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return Optional.empty();
		}
	}

	/**
	 * What an action produced: the entry id, its conversation and the outbound event's id; {@code deliveryFailure}
	 * is the MessageDeliveryFailed errorCode the partner received instead of the entry, null when it was sent.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Sent(String identifier, String conversationIdentifier, String eventId, String deliveryFailure) {

		public Sent(String identifier, String conversationIdentifier, String eventId) {
			this(identifier, conversationIdentifier, eventId, null);
		}

	}

}
