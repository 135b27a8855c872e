package org.byoc.interaction.conversation.bot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.attachment.AttachmentUpload;
import org.byoc.interaction.attachment.Attachments;
import org.byoc.interaction.attachment.StoredAttachment;
import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.AuthorizationContextType;
import org.byoc.interaction.contract.CanonicalJson;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;
import org.byoc.interaction.contract.JsonRequestBody;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.conversation.capabilities.ChannelCapabilities;
import org.byoc.interaction.conversation.history.ConversationHistories;
import org.byoc.interaction.conversation.inbound.IncomingFile;
import org.byoc.interaction.conversation.inbound.InteractionRequestDecoder;
import org.byoc.interaction.conversation.internal.ConversationRepository;
import org.byoc.interaction.conversation.internal.ParticipantRepository;
import org.byoc.interaction.conversation.message.AbstractMessage;
import org.byoc.interaction.conversation.message.Entry;
import org.byoc.interaction.conversation.message.EntryType;
import org.byoc.interaction.conversation.message.Message;
import org.byoc.interaction.conversation.message.ParticipantFields;
import org.byoc.interaction.conversation.message.SentEntries;
import org.byoc.interaction.conversation.message.TypingStartedIndicator;
import org.byoc.interaction.conversation.message.TypingStoppedIndicator;
import org.byoc.interaction.outbound.OutboundEvents.PublishedEvent;
import org.byoc.interaction.outbound.OutboundEvents;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.setup.BotIntegration;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDirectory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bring-your-own-bot: an external bot of a bot integration joins a conversation, writes to its end user (messages,
 * typing, files), reads the conversation, and leaves (contract §B12, §B13, §B16). Everything the bot does that the
 * end user must see becomes an {@code Interaction} event on the channel's topic, appended in the transaction that
 * records it.
 * <p>
 * Codes for the bot's calls: {@code AuthorizationContextType} missing 10016, not ExternalConversationParticipant
 * 10093; {@code conversationIdentifier} missing or not a conversation of the org 10018, on a channel the integration
 * is not allowed on 10070; sender role not Chatbot 10038, appType not chatbot 10037, bot unknown in the org 10086,
 * of another integration 10087, inactive 10088, not taking part in the conversation 10036; the session has ended
 * 10071; clientTimestamp older than 24 hours or ahead of the clock 10046; the message 10045 / 10059 / 10060 /
 * 10047 / 10048 / 10049, and the channel's registered capabilities (10049 / 10089).
 */
@Service
public class BotConversations {

	static final int MAX_ENTRIES_PER_READ = 20;

	private static final int MAX_IDENTIFIER_LENGTH = 240;

	private static final Set<EntryType> BOT_ENTRY_TYPES = Set.of(EntryType.Message, EntryType.TypingStartedIndicator,
			EntryType.TypingStoppedIndicator);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SetupDirectory setup;

	private final Conversations conversations;

	private final ConversationRepository repository;

	private final ParticipantRepository participants;

	private final ChannelCapabilities capabilities;

	private final Attachments attachments;

	private final OutboundEvents outbound;

	private final TransactionTemplate transactions;

	BotConversations(SetupDirectory setup, Conversations conversations, ConversationRepository repository,
			ParticipantRepository participants, ChannelCapabilities capabilities, Attachments attachments,
			OutboundEvents outbound, TransactionTemplate transactions) {
		this.setup = setup;
		this.conversations = conversations;
		this.repository = repository;
		this.participants = participants;
		this.capabilities = capabilities;
		this.attachments = attachments;
		this.outbound = outbound;
		this.transactions = transactions;
	}

	/**
	 * The bot joins the conversation (ParticipantChanged add). Joining again while taking part changes nothing.
	 * @throws org.byoc.interaction.contract.InteractionApiException 10018, 10086, 10088, 10070 or 10071
	 */
	public Changed join(String conversationIdentifier, String botId) {
		return this.transactions.execute((status) -> {
			Context context = context(conversationOfAnyOrg(conversationIdentifier), botId, null);
			requireOpenSession(context.conversation());
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
			Conversation conversation = conversationOfAnyOrg(conversationIdentifier);
			Org org = this.setup.org(conversation.orgKey()).orElseThrow();
			BotIntegration integration = org.integrationOfBot(botId)
				.orElseThrow(() -> ErrorCode.EXTERNAL_BOT_ID_INVALID
					.exception("'" + botId + "' is not a bot of org " + org.key() + "."));
			Context context = new Context(conversation, org.channel(conversation.channelDeveloperName()).orElseThrow(),
					chatbot(botId), integration.bot(botId).orElseThrow().name());
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
	public Changed updateWork(ApiCaller caller, String workItemId, String botId, BotWork status) {
		requireBotCaller(caller);
		return this.transactions.execute((tx) -> {
			MessagingSession session = this.conversations.session(workItemId)
				.filter((s) -> s.orgKey().equals(caller.orgKey()))
				.orElseThrow(() -> ErrorCode.WORK_ITEM_NOT_FOUND.exception("No messaging session " + workItemId + "."));
			Conversation conversation = conversationOfCaller(caller, session.conversationIdentifier());
			if (!conversation.currentSessionId().equals(workItemId)) {
				throw ErrorCode.WORK_ITEM_NOT_FOUND.exception("The messaging session " + workItemId + " has ended.");
			}
			if (this.setup.org(conversation.orgKey()).flatMap((org) -> org.integrationOfBot(botId)).isEmpty()) {
				// the request's own botId field, so its own code (10086 is for a bot named as a sender)
				throw ErrorCode.BOT_ID_INVALID.exception("botId '" + botId + "' is not a bot of org "
						+ conversation.orgKey() + ".");
			}
			Context context = context(conversation, botId, caller.authorizationContext());
			if (status == BotWork.Accept) {
				requireOpenSession(conversation);
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

	/** {@code POST /api/v1/conversationEntry}: one message or typing indicator from the bot to the end user. */
	void send(ApiCaller caller, byte[] body) {
		requireBotCaller(caller);
		JsonFields root = JsonRequestBody.parse(body);
		String conversationIdentifier = conversationIdentifier(root);
		Participant sender = ParticipantFields.read(root.requireObject("sender"));
		requireChatbot(sender, "sender");
		JsonFields item = root.objects("conversationEntries", 1, 1).get(0);
		long clientTimestamp = clientTimestamp(item);
		Entry entry = SentEntries.read(item, "entryPayload", true, BOT_ENTRY_TYPES);
		Context context = callerContext(caller, conversationIdentifier, sender.subject());
		requireTakingPart(context);
		if (entry instanceof Message message) {
			this.capabilities.requireRenderable(caller.orgId(), context.channel().developerName(),
					message.abstractMessage());
		}
		this.transactions.executeWithoutResult((status) -> {
			ObjectNode payload = entry.entryPayload();
			if (entry instanceof Message) {
				payload.putNull("messageReason");
			}
			TranscriptEntry transcript = transcriptEntry(context, entry.id(), entry.entryType().name(), payload,
					clientTimestamp, null);
			if (entry instanceof Message) {
				String fingerprint = sha256(entry.contentFingerprint() + "|" + sender.subject());
				if (this.conversations.record(caller.orgId(), transcript, fingerprint).created()) {
					publish(context, transcript);
				}
			}
			else {
				// typing is for the end user's screen, not part of the transcript
				publish(context, transcript);
			}
		});
	}

	/**
	 * {@code GET /api/v1/conversationEntry}: the conversation's entries between startTime and endTime (both
	 * included), at most {@code limit} (1..20, default 20), from the start or from the end. The parameters come in a
	 * JSON body, as query parameters, or both (the body wins).
	 */
	Map<String, Object> entries(ApiCaller caller, byte[] body, Map<String, String> query) {
		requireBotCaller(caller);
		JsonFields parameters = parameters(body, query);
		String conversationIdentifier = conversationIdentifier(parameters);
		if (parameters.raw("startTime") == null) {
			throw ErrorCode.START_TIME_INVALID.exception("startTime is required: epoch milliseconds, greater than 0.");
		}
		long startTime = parameters.integer("startTime", ErrorCode.START_TIME_INVALID);
		if (startTime <= 0) {
			throw ErrorCode.START_TIME_INVALID.exception("startTime must be greater than 0.");
		}
		Long endTime = parameters.integer("endTime", ErrorCode.END_TIME_INVALID);
		if (endTime != null && endTime <= startTime) {
			throw ErrorCode.END_TIME_INVALID.exception("endTime must be after startTime.");
		}
		Long limit = parameters.integer("limit", ErrorCode.LIMIT_OUT_OF_RANGE);
		if (limit != null && (limit < 1 || limit > MAX_ENTRIES_PER_READ)) {
			throw ErrorCode.LIMIT_OUT_OF_RANGE.exception("limit must be between 1 and " + MAX_ENTRIES_PER_READ + ".");
		}
		String direction = parameters.oneOf("direction", Set.of("FROM_START", "FROM_END"));
		Conversation conversation = conversationOfCaller(caller, conversationIdentifier);
		List<Map<String, Object>> entries = this.repository
			.entries(conversation.conversationIdentifier(), startTime, endTime,
					(limit != null) ? limit.intValue() : MAX_ENTRIES_PER_READ, !"FROM_END".equals(direction))
			.stream()
			.map(BotConversations::view)
			.toList();
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("success", true);
		answer.put("conversationEntries", entries);
		return answer;
	}

	/**
	 * {@code POST /api/v1/attachment}: one file from the bot to the end user, stored under the same rules as an end
	 * user's (10007, 10008, 10009, 10010, 10011, 10051, 10095) and sent as an Attachments message.
	 */
	void upload(ApiCaller caller, InputStream json, List<IncomingFile> files) throws IOException {
		requireBotCaller(caller);
		byte[] text = json.readNBytes(JsonRequestBody.MAX_BYTES + 1);
		JsonFields root = JsonRequestBody.parse(text);
		String conversationIdentifier = conversationIdentifier(root);
		// the vendor's example names the bot by its subject alone
		JsonFields senderFields = root.requireObject("sender");
		String botId;
		if (senderFields.raw("appType") != null || senderFields.raw("role") != null) {
			Participant sender = ParticipantFields.read(senderFields);
			requireChatbot(sender, "sender");
			botId = sender.subject();
		}
		else {
			botId = senderFields.requireNonBlank("subject", ErrorCode.INVALID_PARTICIPANT_SUBJECT,
					ParticipantFields.MAX_SUBJECT_LENGTH);
		}
		JsonFields item = root.objects("conversationEntries", 1, 1).get(0);
		long clientTimestamp = clientTimestamp(item);
		String id = item.requireNonBlank("id", ErrorCode.FILE_ID_MISSING_ERROR, InteractionRequestDecoder.MAX_ID_LENGTH);
		if (item.raw("contentLength") == null) {
			throw ErrorCode.FILE_CONTENT_LENGTH_MISSING.exception(item.path("contentLength") + " is required.");
		}
		long contentLength = item.requireInteger("contentLength");
		Long index = item.integer("attachmentIndex", ErrorCode.ATTACHMENTS_INPUT_ERROR);
		if (contentLength < 0) {
			throw ErrorCode.INVALID_PARAMETERS.exception(item.path("contentLength") + " must not be negative.");
		}
		if (index == null || index < 0 || files.size() != 1 || index >= files.size()) {
			throw ErrorCode.ATTACHMENTS_INPUT_ERROR.exception("The entry needs exactly one file in the attachments "
					+ "part, at its attachmentIndex (0); received " + files.size() + " file(s).");
		}
		String caption = item.string("text");
		Context context = callerContext(caller, conversationIdentifier, botId);
		requireTakingPart(context);
		IncomingFile file = files.get(0);
		StoredAttachment stored;
		try (InputStream content = file.open()) {
			stored = this.attachments.receive(new AttachmentUpload(caller.orgKey(),
					UUID.fromString(conversationIdentifier), UUID.randomUUID(), file.fileName(), contentLength,
					file.size()), content);
		}
		try {
			this.transactions.executeWithoutResult((status) -> {
				AbstractMessage message = AbstractMessage.staticAttachments(id, caption,
						List.of(new AbstractMessage.Attachment(stored.id().toString(), stored.fileName(),
								stored.mimeType(), this.attachments.downloadUrl(stored).toString(), id)));
				this.capabilities.requireRenderable(caller.orgId(), context.channel().developerName(), message);
				Message entry = new Message(id, message);
				ObjectNode payload = entry.entryPayload();
				payload.putNull("messageReason");
				TranscriptEntry transcript = transcriptEntry(context, id, EntryType.Message.name(), payload,
						clientTimestamp, stored.id().toString());
				String fingerprint = sha256(id + "|" + caption + "|" + stored.sha256() + "|" + botId);
				if (this.conversations.record(caller.orgId(), transcript, fingerprint).created()) {
					this.attachments.record(stored);
					publish(context, transcript);
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
		change.set("participant", JSON.valueToTree(context.bot()));
		change.put("displayName", context.botName());
		TranscriptEntry entry = transcriptEntry(context, entryId, "ParticipantChanged", payload,
				Instant.now().toEpochMilli(), null);
		this.conversations.record(context.conversation().orgKey(), entry, entryId);
		PublishedEvent event = publish(context, entry);
		return new Changed(entryId, context.conversation().conversationIdentifier(), event.eventId(), true);
	}

	private TranscriptEntry transcriptEntry(Context context, String entryId, String entryType, ObjectNode payload,
			long clientTimestamp, String attachmentId) {
		Conversation conversation = context.conversation();
		return new TranscriptEntry(conversation.conversationIdentifier(), entryId, conversation.currentSessionId(),
				entryType, context.bot(), context.botName(), clientTimestamp, Instant.now().toEpochMilli(),
				CanonicalJson.write(payload), attachmentId, null);
	}

	private PublishedEvent publish(Context context, TranscriptEntry entry) {
		Conversation conversation = context.conversation();
		return this.outbound.publishInteraction(context.channel(), conversation.conversationIdentifier(),
				conversation.channelAddressIdentifier(), Participant.endUser(conversation.endUserClientId()),
				entry.toConversationEntry());
	}

	/** The bot of a caller's request: checks the caller's integration against the bot and the conversation. */
	private Context callerContext(ApiCaller caller, String conversationIdentifier, String botId) {
		Conversation conversation = conversationOfCaller(caller, conversationIdentifier);
		Context context = context(conversation, botId, caller.authorizationContext());
		requireOpenSession(conversation);
		return context;
	}

	private Conversation conversationOfCaller(ApiCaller caller, String conversationIdentifier) {
		Conversation conversation = this.conversations.find(caller.orgId(), conversationIdentifier)
			.orElseThrow(() -> ErrorCode.CONVERSATION_IDENTIFIER_INVALID
				.exception("No conversation " + conversationIdentifier + " in this org."));
		BotIntegration integration = this.setup.botIntegration(caller.orgId(), caller.authorizationContext())
			.orElseThrow();
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
	private Context context(Conversation conversation, String botId, String callerIntegration) {
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

	private void requireTakingPart(Context context) {
		if (!this.participants.isActive(context.conversation().conversationIdentifier(), context.bot())) {
			throw ErrorCode.INVALID_PARTICIPANT.exception("Bot " + context.bot().subject()
					+ " is not taking part in conversation " + context.conversation().conversationIdentifier()
					+ "; it joins when its work is accepted.");
		}
	}

	private void requireOpenSession(Conversation conversation) {
		MessagingSession session = this.conversations.session(conversation.currentSessionId()).orElseThrow();
		if (session.status() == MessagingSession.Status.Ended) {
			throw ErrorCode.MESSAGING_SESSION_NOT_FOUND
				.exception("The conversation's messaging session " + session.id() + " has ended.");
		}
	}

	private Conversation conversationOfAnyOrg(String conversationIdentifier) {
		return this.conversations.findInAnyOrg(conversationIdentifier)
			.orElseThrow(() -> ErrorCode.CONVERSATION_IDENTIFIER_INVALID
				.exception("No conversation " + conversationIdentifier + "."));
	}

	private static void requireBotCaller(ApiCaller caller) {
		if (caller.requireAuthorizationContextType() != AuthorizationContextType.ExternalConversationParticipant) {
			throw ErrorCode.AUTHORIZATION_CONTEXT_TYPE_INVALID.exception("This endpoint is for bring-your-own-bot "
					+ "integrations: send AuthorizationContextType ExternalConversationParticipant.");
		}
	}

	private static void requireChatbot(Participant sender, String path) {
		if (!ParticipantFields.CHATBOT_ROLE.equals(sender.role())) {
			throw ErrorCode.INVALID_PARTICIPANT_ROLE.exception(path + ".role must be 'Chatbot'.");
		}
		if (!ParticipantFields.CHATBOT_APP_TYPE.equals(sender.appType())) {
			throw ErrorCode.INVALID_APP_TYPE.exception(path + ".appType must be 'chatbot'.");
		}
	}

	private static String conversationIdentifier(JsonFields root) {
		JsonNode value = root.raw("conversationIdentifier");
		if (value == null || !value.isString() || value.stringValue().isBlank()
				|| value.stringValue().length() > MAX_IDENTIFIER_LENGTH) {
			throw ErrorCode.CONVERSATION_IDENTIFIER_INVALID.exception(
					"conversationIdentifier is required: a string of at most " + MAX_IDENTIFIER_LENGTH + " characters.");
		}
		return value.stringValue();
	}

	private static long clientTimestamp(JsonFields item) {
		long timestamp = item.requireInteger("clientTimestamp");
		Instant now = Instant.now();
		if (timestamp < now.minus(ConversationHistories.MAX_AGE).toEpochMilli()
				|| timestamp > now.plus(ConversationHistories.CLOCK_SKEW).toEpochMilli()) {
			throw ErrorCode.INVALID_ENTRY_TIMESTAMP.exception(item.path("clientTimestamp")
					+ " must be the time the bot sent the entry (epoch milliseconds, within the last 24 hours).");
		}
		return timestamp;
	}

	/** Query parameters under the JSON body's fields: a parameter the body also has is the body's. */
	private static JsonFields parameters(byte[] body, Map<String, String> query) {
		ObjectNode merged = JsonNodeFactory.instance.objectNode();
		query.forEach(merged::put);
		if (body != null && !new String(body, StandardCharsets.UTF_8).isBlank()) {
			JsonFields parsed = JsonRequestBody.parse(body);
			for (String name : List.of("conversationIdentifier", "startTime", "endTime", "limit", "direction")) {
				JsonNode value = parsed.raw(name);
				if (value != null) {
					merged.set(name, value);
				}
			}
		}
		return JsonFields.of(merged, "", ErrorCode.INVALID_PARAMETERS);
	}

	private static Map<String, Object> view(TranscriptEntry entry) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("clientTimestamp", entry.clientTimestamp());
		view.put("sender", entry.sender());
		view.put("entryPayload", JSON.readTree(entry.payloadJson()));
		return view;
	}

	private static Participant chatbot(String botId) {
		return new Participant(ParticipantFields.CHATBOT_APP_TYPE, botId, ParticipantFields.CHATBOT_ROLE);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What a join or leave did: the ParticipantChanged entry and its event ({@code changed} false and both null when
	 * the bot was already taking part).
	 */
	public record Changed(String identifier, String conversationIdentifier, String eventId, boolean changed) {
	}

	private record Context(Conversation conversation, Channel channel, Participant bot, String botName) {
	}

}
