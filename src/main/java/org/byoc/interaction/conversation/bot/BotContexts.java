package org.byoc.interaction.conversation.bot;

import java.time.Instant;

import org.springframework.stereotype.Component;

import org.byoc.interaction.contract.CanonicalJson;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.conversation.internal.ParticipantRepository;
import org.byoc.interaction.conversation.message.ParticipantFields;
import org.byoc.interaction.outbound.OutboundEvents.PublishedEvent;
import org.byoc.interaction.outbound.OutboundEvents;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.setup.BotIntegration;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDirectory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every bot call resolves first: the conversation (of the caller's org, on a channel the integration is allowed
 * on), the bot (of the org, of the caller's integration, active), and the open messaging session; and how a bot's
 * entry is recorded and published. Shared by {@link BotConversations} and {@link BotEntries}.
 */
@Component
class BotContexts {

	private final SetupDirectory setup;

	private final Conversations conversations;

	private final ParticipantRepository participants;

	private final OutboundEvents outbound;

	BotContexts(SetupDirectory setup, Conversations conversations, ParticipantRepository participants,
			OutboundEvents outbound) {
		this.setup = setup;
		this.conversations = conversations;
		this.participants = participants;
		this.outbound = outbound;
	}

	/** The bot of a caller's request: checks the caller's integration against the bot and the conversation. */
	Context callerContext(BotCaller caller, String conversationIdentifier, String botId) {
		Conversation conversation = conversationOfCaller(caller, conversationIdentifier);
		Context context = context(conversation, botId, caller.integration());
		requireOpenSession(conversation);
		return context;
	}

	Conversation conversationOfCaller(BotCaller caller, String conversationIdentifier) {
		Conversation conversation = this.conversations.find(caller.orgId(), conversationIdentifier)
			.orElseThrow(() -> ErrorCode.CONVERSATION_IDENTIFIER_INVALID
				.exception("No conversation " + conversationIdentifier + " in this org."));
		BotIntegration integration = this.setup.botIntegration(caller.orgId(), caller.integration()).orElseThrow();
		if (!integration.allowsChannel(conversation.channelDeveloperName())) {
			throw ErrorCode.CHANNEL_ADDRESS_NOT_CONFIGURED_FOR_CONTEXT.exception("Bot integration "
					+ integration.developerName() + " is not allowed on channel " + conversation.channelDeveloperName()
					+ " of conversation " + conversationIdentifier + ".");
		}
		return conversation;
	}

	/**
	 * The bot, found in the conversation's org; when {@code callerIntegration} is given the bot must be one of its
	 * bots, otherwise its own integration must be allowed on the conversation's channel.
	 */
	Context context(Conversation conversation, String botId, String callerIntegration) {
		Org org = this.setup.org(conversation.orgKey()).orElseThrow();
		BotIntegration integration = org.integrationOfBot(botId)
			.orElseThrow(() -> ErrorCode.EXTERNAL_BOT_ID_INVALID
				.exception("'" + botId + "' is not a bot of org " + org.key() + "."));
		if (callerIntegration != null && !integration.developerName().equals(callerIntegration)) {
			throw ErrorCode.AUTH_CONTEXT_BOT_INVALID.exception("Bot " + botId + " does not belong to bot integration "
					+ callerIntegration + ".");
		}
		BotIntegration.Bot bot = integration.bot(botId).orElseThrow();
		if (!bot.active()) {
			throw ErrorCode.BOT_INACTIVE.exception("Bot " + botId + " is inactive.");
		}
		if (!integration.allowsChannel(conversation.channelDeveloperName())) {
			throw ErrorCode.CHANNEL_ADDRESS_NOT_CONFIGURED_FOR_CONTEXT.exception("Bot integration "
					+ integration.developerName() + " is not allowed on channel " + conversation.channelDeveloperName()
					+ ".");
		}
		Channel channel = org.channel(conversation.channelDeveloperName()).orElseThrow();
		return new Context(conversation, channel, chatbot(botId), bot.name());
	}

	void requireTakingPart(Context context) {
		if (!this.participants.isActive(context.conversation().conversationIdentifier(), context.bot())) {
			throw ErrorCode.INVALID_PARTICIPANT.exception("Bot " + context.bot().subject()
					+ " is not taking part in conversation " + context.conversation().conversationIdentifier()
					+ "; it joins when its work is accepted.");
		}
	}

	void requireOpenSession(Conversation conversation) {
		MessagingSession session = this.conversations.session(conversation.currentSessionId()).orElseThrow();
		if (session.status() == MessagingSession.Status.Ended) {
			throw ErrorCode.MESSAGING_SESSION_NOT_FOUND
				.exception("The conversation's messaging session " + session.id() + " has ended.");
		}
	}

	Conversation conversationOfAnyOrg(String conversationIdentifier) {
		return this.conversations.findInAnyOrg(conversationIdentifier)
			.orElseThrow(() -> ErrorCode.CONVERSATION_IDENTIFIER_INVALID
				.exception("No conversation " + conversationIdentifier + "."));
	}

	TranscriptEntry transcriptEntry(Context context, String entryId, String entryType, ObjectNode payload,
			long clientTimestamp, String attachmentId) {
		Conversation conversation = context.conversation();
		return new TranscriptEntry(conversation.conversationIdentifier(), entryId, conversation.currentSessionId(),
				entryType, context.bot(), context.botName(), clientTimestamp, Instant.now().toEpochMilli(),
				CanonicalJson.write(payload), attachmentId, null);
	}

	PublishedEvent publish(Context context, TranscriptEntry entry) {
		Conversation conversation = context.conversation();
		return this.outbound.publishInteraction(context.channel(), conversation.conversationIdentifier(),
				conversation.channelAddressIdentifier(), Participant.endUser(conversation.endUserClientId()),
				entry.toConversationEntry());
	}

	static Participant chatbot(String botId) {
		return new Participant(ParticipantFields.CHATBOT_APP_TYPE, botId, ParticipantFields.CHATBOT_ROLE);
	}

	/** A bot in a conversation: where it writes (the channel) and the name the end user sees. */
	record Context(Conversation conversation, Channel channel, Participant bot, String botName) {
	}

}
