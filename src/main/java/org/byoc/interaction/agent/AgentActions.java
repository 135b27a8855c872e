package org.byoc.interaction.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.byoc.interaction.attachment.Attachments;
import org.byoc.interaction.attachment.StoredAttachment;
import org.byoc.interaction.conversation.AbstractMessage;
import org.byoc.interaction.conversation.ChannelCapabilities;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.outbound.OutboundEvents;
import org.byoc.interaction.outbound.OutboundEvents.PublishedEvent;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.web.ErrorCode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an agent does in a conversation: reply (text and files), type, join and leave. Each action is an entry the
 * end user's side must learn about, so each appends an {@code Interaction} event to the channel's topic in the same
 * transaction that records it.
 */
@Service
public class AgentActions {

	private final Conversations conversations;

	private final OutboundEvents events;

	private final SetupDirectory setup;

	private final Attachments attachments;

	private final ChannelCapabilities capabilities;

	private final JsonMapper json;

	AgentActions(Conversations conversations, OutboundEvents events, SetupDirectory setup, Attachments attachments,
			ChannelCapabilities capabilities, JsonMapper json) {
		this.conversations = conversations;
		this.events = events;
		this.setup = setup;
		this.attachments = attachments;
		this.capabilities = capabilities;
		this.json = json;
	}

	/**
	 * A reply from the agent: a Text message, or an Attachments message when files are named. A channel that
	 * registered its capabilities must have registered the reply's message and format type (10049).
	 */
	@Transactional
	public Sent sendMessage(String conversationIdentifier, String senderUserId, String text,
			List<String> attachmentIds) {
		Context context = context(conversationIdentifier, senderUserId);
		String entryId = UUID.randomUUID().toString();
		AbstractMessage message;
		if (attachmentIds == null || attachmentIds.isEmpty()) {
			if (text == null || text.isBlank()) {
				throw ErrorCode.INVALID_PARAMETERS.exception("A message needs text or attachmentIds.");
			}
			message = AbstractMessage.staticText(entryId, text);
		}
		else {
			message = AbstractMessage.staticAttachments(entryId, text, files(context.conversation(), attachmentIds));
		}
		this.capabilities.requireRenderable(context.conversation().orgKey(), context.channel().developerName(), message);
		ObjectNode payload = this.json.createObjectNode();
		payload.put("entryType", "Message");
		payload.put("id", entryId);
		payload.set("abstractMessage", message.tree());
		payload.putNull("messageReason");
		return record(context, entryId, "Message", payload, true);
	}

	/** The agent starts or stops typing: an event for the end user, no transcript entry. */
	@Transactional
	public Sent typing(String conversationIdentifier, String senderUserId, boolean typing) {
		Context context = context(conversationIdentifier, senderUserId);
		String entryId = UUID.randomUUID().toString();
		ObjectNode payload = this.json.createObjectNode();
		payload.put("entryType", typing ? "TypingStartedIndicator" : "TypingStoppedIndicator");
		payload.put("id", entryId);
		payload.put("timestamp", Instant.now().toEpochMilli());
		return record(context, entryId, payload.get("entryType").asString(), payload, false);
	}

	/** The agent joins ({@code add}) or leaves ({@code remove}) the conversation: a ParticipantChanged entry. */
	@Transactional
	public Sent changeParticipant(String conversationIdentifier, String userId, String operation) {
		if (!"add".equals(operation) && !"remove".equals(operation)) {
			throw ErrorCode.PARTICIPANT_OPERATION_INVALID.exception("operation must be add or remove.");
		}
		Context context = context(conversationIdentifier, userId);
		String entryId = UUID.randomUUID().toString();
		ObjectNode payload = this.json.createObjectNode();
		payload.put("entryType", "ParticipantChanged");
		payload.put("id", entryId);
		ObjectNode change = payload.putArray("entries").addObject();
		change.put("operation", operation);
		change.set("participant", this.json.valueToTree(context.agent()));
		change.put("displayName", context.displayName());
		return record(context, entryId, "ParticipantChanged", payload, true);
	}

	private Sent record(Context context, String entryId, String entryType, ObjectNode payload, boolean transcript) {
		long now = Instant.now().toEpochMilli();
		TranscriptEntry entry = new TranscriptEntry(context.conversation().conversationIdentifier(), entryId,
				context.conversation().currentSessionId(), entryType, context.agent(), context.displayName(), now, now,
				this.json.writeValueAsString(payload), null, null);
		if (transcript) {
			this.conversations.record(context.conversation().orgKey(), entry, entryId);
		}
		PublishedEvent event = this.events.publishInteraction(context.channel(),
				context.conversation().conversationIdentifier(), context.conversation().channelAddressIdentifier(),
				Participant.endUser(context.conversation().endUserClientId()), entry.toConversationEntry());
		return new Sent(entryId, context.conversation().conversationIdentifier(), event.eventId());
	}

	private Context context(String conversationIdentifier, String userId) {
		Conversation conversation = this.conversations.findInAnyOrg(conversationIdentifier)
			.orElseThrow(() -> ErrorCode.CONVERSATION_IDENTIFIER_INVALID
				.exception("No conversation " + conversationIdentifier + "."));
		Org org = this.setup.org(conversation.orgKey()).orElseThrow();
		Org.AppUser user = org.userById(userId)
			.orElseThrow(() -> ErrorCode.USER_ID_INVALID
				.exception("'" + userId + "' is not a user of org " + conversation.orgKey() + "."));
		MessagingSession session = this.conversations.session(conversation.currentSessionId()).orElseThrow();
		if (session.status() == MessagingSession.Status.Ended) {
			throw ErrorCode.MESSAGING_SESSION_NOT_FOUND
				.exception("The conversation's messaging session " + session.id() + " has ended.");
		}
		Channel channel = org.channel(conversation.channelDeveloperName()).orElseThrow();
		return new Context(conversation, channel, Participant.agent(user.id()),
				(user.displayName() != null) ? user.displayName() : user.username());
	}

	private List<AbstractMessage.Attachment> files(Conversation conversation, List<String> attachmentIds) {
		List<AbstractMessage.Attachment> files = new ArrayList<>();
		for (String id : attachmentIds) {
			StoredAttachment stored = parse(id).flatMap(this.attachments::find)
				.filter((a) -> a.conversationId().toString().equals(conversation.conversationIdentifier()))
				.orElseThrow(() -> ErrorCode.INVALID_PARAMETERS
					.exception("No attachment " + id + " was uploaded for this conversation."));
			files.add(new AbstractMessage.Attachment(stored.id().toString(), stored.fileName(), stored.mimeType(),
					this.attachments.downloadUrl(stored).toString(), null));
		}
		return files;
	}

	private static java.util.Optional<UUID> parse(String id) {
		try {
			return java.util.Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return java.util.Optional.empty();
		}
	}

	/** What an action produced: the entry id, its conversation and the outbound event's id. */
	public record Sent(String identifier, String conversationIdentifier, String eventId) {
	}

	private record Context(Conversation conversation, Channel channel, Participant agent, String displayName) {
	}

}
