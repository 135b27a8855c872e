package org.byoc.interaction.conversation.bot;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.conversation.bot.BotContexts.Context;
import org.byoc.interaction.conversation.internal.ParticipantRepository;
import org.byoc.interaction.outbound.OutboundEvents.PublishedEvent;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.setup.BotIntegration;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDirectory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bring-your-own-bot: an external bot of a bot integration joins a conversation and leaves it (contract §B12), by
 * the admin API or by answering its work ({@code PATCH /api/v1/agentWork} with contextType Chatbot); what it writes
 * and reads in between is {@link BotEntries}. Each join and leave is a ParticipantChanged entry and event.
 * <p>
 * Codes: the work item 15111, botId 10084, the conversation 10018 / 10070, the bot 10086 / 10087 / 10088, not
 * taking part 10036, the session has ended 10071.
 */
@Service
public class BotConversations {

	private final SetupDirectory setup;

	private final Conversations conversations;

	private final ParticipantRepository participants;

	private final BotContexts contexts;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	BotConversations(SetupDirectory setup, Conversations conversations, ParticipantRepository participants,
			BotContexts contexts, TransactionTemplate transactions, JsonMapper json) {
		this.setup = setup;
		this.conversations = conversations;
		this.participants = participants;
		this.contexts = contexts;
		this.transactions = transactions;
		this.json = json;
	}

	/**
	 * The bot joins the conversation (ParticipantChanged add). Joining again while taking part changes nothing.
	 * @throws org.byoc.interaction.contract.InteractionApiException 10018, 10086, 10088, 10070 or 10071
	 */
	public Changed join(String conversationIdentifier, String botId) {
		return this.transactions.execute((status) -> {
			Context context = this.contexts.context(this.contexts.conversationOfAnyOrg(conversationIdentifier), botId,
					null);
			this.contexts.requireOpenSession(context.conversation());
			if (!this.participants.join(context.conversation().orgKey(), conversationIdentifier, context.bot(),
					context.botName())) {
				return new Changed(null, conversationIdentifier, null, false);
			}
			return participantChanged(context, "add");
		});
	}

	/**
	 * The bot leaves the conversation (ParticipantChanged remove).
	 * @throws org.byoc.interaction.contract.InteractionApiException 10018, 10086 or 10036 when the bot is not taking part
	 */
	public Changed leave(String conversationIdentifier, String botId) {
		return this.transactions.execute((status) -> {
			Conversation conversation = this.contexts.conversationOfAnyOrg(conversationIdentifier);
			Org org = this.setup.org(conversation.orgKey()).orElseThrow();
			BotIntegration integration = org.integrationOfBot(botId)
				.orElseThrow(() -> ErrorCode.EXTERNAL_BOT_ID_INVALID
					.exception("'" + botId + "' is not a bot of org " + org.key() + "."));
			Context context = new Context(conversation, org.channel(conversation.channelDeveloperName()).orElseThrow(),
					BotContexts.chatbot(botId), integration.bot(botId).orElseThrow().name());
			if (!this.participants.leave(conversationIdentifier, context.bot())) {
				throw ErrorCode.INVALID_PARTICIPANT
					.exception("Bot " + botId + " is not taking part in conversation " + conversationIdentifier + ".");
			}
			return participantChanged(context, "remove");
		});
	}

	/**
	 * {@code PATCH /api/v1/agentWork} with contextType Chatbot: the caller's bot accepts (joins), declines (stays
	 * out) or closes (leaves) the work item, a messaging session of the caller's org.
	 * @throws org.byoc.interaction.contract.InteractionApiException 10093, 15111, 10084, 10087, 10088, 10070, 10071, 10036
	 */
	public Changed updateWork(BotCaller caller, String workItemId, String botId, BotWork status) {
		return this.transactions.execute((tx) -> {
			MessagingSession session = this.conversations.session(workItemId)
				.filter((s) -> s.orgKey().equals(caller.orgKey()))
				.orElseThrow(() -> ErrorCode.WORK_ITEM_NOT_FOUND.exception("No messaging session " + workItemId + "."));
			Conversation conversation = this.contexts.conversationOfCaller(caller, session.conversationIdentifier());
			if (!conversation.currentSessionId().equals(workItemId)) {
				throw ErrorCode.WORK_ITEM_NOT_FOUND.exception("The messaging session " + workItemId + " has ended.");
			}
			if (this.setup.org(conversation.orgKey()).flatMap((org) -> org.integrationOfBot(botId)).isEmpty()) {
				// the request's own botId field, so its own code (10086 is for a bot named as a sender)
				throw ErrorCode.BOT_ID_INVALID.exception("botId '" + botId + "' is not a bot of org "
						+ conversation.orgKey() + ".");
			}
			Context context = this.contexts.context(conversation, botId, caller.integration());
			if (status == BotWork.Accept) {
				this.contexts.requireOpenSession(conversation);
				if (!this.participants.join(conversation.orgKey(), conversation.conversationIdentifier(), context.bot(),
						context.botName())) {
					return new Changed(null, conversation.conversationIdentifier(), null, false);
				}
				return participantChanged(context, "add");
			}
			if (status == BotWork.Close) {
				if (!this.participants.leave(conversation.conversationIdentifier(), context.bot())) {
					throw ErrorCode.INVALID_PARTICIPANT.exception("Bot " + botId
							+ " is not taking part in conversation " + conversation.conversationIdentifier() + ".");
				}
				return participantChanged(context, "remove");
			}
			// declining an offer leaves the conversation as it is
			return new Changed(null, conversation.conversationIdentifier(), null, false);
		});
	}

	/** What a bot does with a work item. */
	public enum BotWork {

		Accept, Decline, Close

	}

	/** Who takes part in the conversation besides its end user, e.g. the bots that joined. */
	public List<Participant> activeParticipants(String conversationIdentifier) {
		return this.participants.active(conversationIdentifier)
			.stream()
			.map(ParticipantRepository.ActiveParticipant::participant)
			.toList();
	}

	private Changed participantChanged(Context context, String operation) {
		String entryId = UUID.randomUUID().toString();
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.put("entryType", "ParticipantChanged");
		payload.put("id", entryId);
		ObjectNode change = payload.putArray("entries").addObject();
		change.put("operation", operation);
		change.set("participant", this.json.valueToTree(context.bot()));
		change.put("displayName", context.botName());
		TranscriptEntry entry = this.contexts.transcriptEntry(context, entryId, "ParticipantChanged", payload,
				Instant.now().toEpochMilli(), null);
		this.conversations.record(context.conversation().orgKey(), entry, entryId);
		PublishedEvent event = this.contexts.publish(context, entry);
		return new Changed(entryId, context.conversation().conversationIdentifier(), event.eventId(), true);
	}

	/**
	 * What a join or leave did: the ParticipantChanged entry and its event ({@code changed} false and both null when
	 * the bot was already taking part).
	 */
	public record Changed(String identifier, String conversationIdentifier, String eventId, boolean changed) {
	}

}
