package org.byoc.interaction.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.conversation.TakingPart;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.conversation.bot.BotConversations;
import org.byoc.interaction.outbound.ConversationEntry;
import org.byoc.interaction.outbound.OutboundEvents.PublishedEvent;
import org.byoc.interaction.outbound.OutboundEvents;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.outbound.Recipients.Recipient;
import org.byoc.interaction.outbound.Recipients;
import org.byoc.interaction.setup.BotIntegration;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * What every agent action shares: finding the conversation and the acting user (10018, 15106; an ended session
 * 10071), recording the entry in the transcript and appending the {@code Interaction} event for the partner in the
 * same transaction, and naming who else sees an entry (the agents at the conversation's desk).
 */
@Component
class AgentEntries {

	private final Conversations conversations;

	private final OutboundEvents events;

	private final SetupDirectory setup;

	private final JsonMapper json;

	private final BotConversations bots;

	AgentEntries(Conversations conversations, OutboundEvents events, SetupDirectory setup, JsonMapper json,
			BotConversations bots) {
		this.conversations = conversations;
		this.events = events;
		this.setup = setup;
		this.json = json;
		this.bots = bots;
	}

	/** The conversation and the acting user; refuses a conversation whose session has ended (10071). */
	Context context(String conversationIdentifier, String userId) {
		Context context = anySession(conversationIdentifier, userId);
		requireOpenSession(context.conversation());
		return context;
	}

	private void requireOpenSession(Conversation conversation) {
		MessagingSession session = this.conversations.session(conversation.currentSessionId()).orElseThrow();
		if (session.status() == MessagingSession.Status.Ended) {
			throw ErrorCode.MESSAGING_SESSION_NOT_FOUND
				.exception("The conversation's messaging session " + session.id() + " has ended.");
		}
	}

	/** The conversation and the acting user, whatever its session's status (e.g. to read an ended chat). */
	Context anySession(String conversationIdentifier, String userId) {
		Conversation conversation = this.conversations.findInAnyOrg(conversationIdentifier)
			.orElseThrow(() -> ErrorCode.CONVERSATION_IDENTIFIER_INVALID
				.exception("No conversation " + conversationIdentifier + "."));
		return of(conversation, userId);
	}

	/** The acting user in a conversation at hand. */
	Context of(Conversation conversation, String userId) {
		Org org = this.setup.org(conversation.orgKey()).orElseThrow();
		Org.AppUser user = user(org, userId);
		Channel channel = org.channel(conversation.channelDeveloperName()).orElseThrow();
		return new Context(conversation, channel, org, Participant.agent(user.id()), displayName(user));
	}

	/**
	 * The conversation and a bot taking part in it (10086 not a bot of the org, 10036 not taking part), acting like
	 * an agent; refuses an ended session (10071).
	 */
	Context bot(String conversationIdentifier, String botId) {
		Conversation conversation = this.conversations.findInAnyOrg(conversationIdentifier)
			.orElseThrow(() -> ErrorCode.CONVERSATION_IDENTIFIER_INVALID
				.exception("No conversation " + conversationIdentifier + "."));
		Org org = this.setup.org(conversation.orgKey()).orElseThrow();
		BotIntegration.Bot bot = org.integrationOfBot(botId)
			.flatMap((integration) -> integration.bot(botId))
			.orElseThrow(() -> ErrorCode.EXTERNAL_BOT_ID_INVALID
				.exception("'" + botId + "' is not a bot of org " + org.key() + "."));
		Participant sender = new Participant("chatbot", bot.id(), "Chatbot");
		if (!this.bots.activeParticipants(conversationIdentifier).contains(sender)) {
			throw ErrorCode.INVALID_PARTICIPANT
				.exception("Bot " + botId + " is not taking part in conversation " + conversationIdentifier + ".");
		}
		requireOpenSession(conversation);
		Channel channel = org.channel(conversation.channelDeveloperName()).orElseThrow();
		return new Context(conversation, channel, org, sender, bot.name());
	}

	/** A user of the org (15106 otherwise). */
	static Org.AppUser user(Org org, String userId) {
		return org.userById(userId)
			.orElseThrow(() -> ErrorCode.USER_ID_INVALID
				.exception("'" + userId + "' is not a user of org " + org.key() + "."));
	}

	static String displayName(Org.AppUser user) {
		return (user.displayName() != null) ? user.displayName() : user.username();
	}

	/**
	 * Records the entry (when {@code transcript}) and publishes it to the end user's side. {@code recipients} names
	 * the audience of an entry that has more than the end user (null otherwise).
	 */
	AgentActions.Sent record(Context context, String entryId, ObjectNode payload, boolean transcript,
			Recipients recipients) {
		if (transcript) {
			return recordOnce(context, entryId, payload, entryId, recipients);
		}
		PublishedEvent event = publish(context, entry(context, entryId, payload).toConversationEntry()
			.withRecipients(recipients));
		return new AgentActions.Sent(entryId, context.conversation().conversationIdentifier(), event.eventId());
	}

	/**
	 * Records the entry under an id the caller may have chosen, and publishes it only when this call recorded it: a
	 * retry (same id, same {@code contentHash}) answers the entry without publishing it again (its answer has no
	 * eventId); the same id for other content is refused (10073).
	 */
	AgentActions.Sent recordOnce(Context context, String entryId, ObjectNode payload, String contentHash,
			Recipients recipients) {
		Conversations.Recorded recorded = this.conversations.record(context.conversation().orgKey(),
				entry(context, entryId, payload), contentHash);
		if (!recorded.created()) {
			return new AgentActions.Sent(entryId, context.conversation().conversationIdentifier(), null);
		}
		PublishedEvent event = publish(context, recorded.entry().toConversationEntry().withRecipients(recipients));
		return new AgentActions.Sent(entryId, context.conversation().conversationIdentifier(), event.eventId());
	}

	private TranscriptEntry entry(Context context, String entryId, ObjectNode payload) {
		long now = Instant.now().toEpochMilli();
		return new TranscriptEntry(context.conversation().conversationIdentifier(), entryId,
				context.conversation().currentSessionId(), payload.get("entryType").asString(), context.agent(),
				context.displayName(), now, now, this.json.writeValueAsString(payload), null, null);
	}

	PublishedEvent publish(Context context, ConversationEntry entry) {
		return this.events.publishInteraction(context.channel(), context.conversation().conversationIdentifier(),
				context.conversation().channelAddressIdentifier(),
				Participant.endUser(context.conversation().endUserClientId()), entry);
	}

	/**
	 * The agents who see an entry the end user never sees: the acting agent first, then the others at the
	 * conversation's desk, each once.
	 */
	List<Recipient> desk(Context context, Participant... also) {
		List<Recipient> audience = new ArrayList<>();
		add(audience, context.org(), context.agent().subject());
		for (Participant participant : also) {
			add(audience, context.org(), participant.subject());
		}
		for (TakingPart part : this.conversations.agentsTakingPart(context.conversation())) {
			add(audience, context.org(), part.participant().subject());
		}
		return audience;
	}

	private static void add(List<Recipient> audience, Org org, String userId) {
		if (audience.stream().anyMatch((r) -> OrgIds.sameId(r.identifier(), userId))) {
			return;
		}
		Org.AppUser user = org.userById(userId).orElse(null);
		audience.add((user != null) ? new Recipient(user.id(), displayName(user), user.username())
				: new Recipient(userId, null, null));
	}

	ObjectNode payload(String entryType, String entryId) {
		ObjectNode payload = this.json.createObjectNode();
		payload.put("entryType", entryType);
		payload.put("id", entryId);
		return payload;
	}

	/** Where an action happens and who does it (an agent, or a bot acting like one: {@code agent} is the sender). */
	record Context(Conversation conversation, Channel channel, Org org, Participant agent, String displayName) {
	}

}
