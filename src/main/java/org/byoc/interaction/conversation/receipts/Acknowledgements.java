package org.byoc.interaction.conversation.receipts;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.contract.CanonicalJson;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.conversation.inbound.InteractionRequestDecoder;
import org.byoc.interaction.conversation.message.ParticipantFields;
import org.byoc.interaction.outbound.Participant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code POST /api/v1/acknowledgement} (contract §B9): the end user's delivery and read receipts for the entries
 * agents and bots sent. Every receipt is kept; an entry's state is its latest receipt (by acknowledgement timestamp),
 * so a late Delivered never undoes a Read. A retried receipt (same created entry id, same content) is accepted
 * again; the same id with other content is 10073.
 * <p>
 * Codes: {@code conversationIdentifier} missing, longer than 240 or not a conversation of the org 10018, of another
 * channel 10001; {@code sender} appType not custom 10037, role not EndUser 10038, not the conversation's end user
 * 10036; {@code acknowledgements} not 1 to 25, a type other than Read / Delivered, a missing field, an entry that is
 * not an agent's or bot's entry of the conversation: 10089.
 */
@Service
public class Acknowledgements {

	static final int MAX_ACKNOWLEDGEMENTS = 25;

	static final int MAX_IDENTIFIER_LENGTH = 240;

	private static final Pattern DIGITS = Pattern.compile("\\d{1,19}");

	private final Conversations conversations;

	private final AcknowledgementRepository repository;

	private final TransactionTemplate transactions;

	Acknowledgements(Conversations conversations, AcknowledgementRepository repository,
			TransactionTemplate transactions) {
		this.conversations = conversations;
		this.repository = repository;
		this.transactions = transactions;
	}

	/**
	 * Records the receipts of {@code request} for a conversation of {@code orgId} on {@code channel} (the caller's
	 * AuthorizationContext).
	 */
	public void acknowledge(String orgId, String channel, Acknowledge request) {
		Conversation conversation = this.conversations.find(orgId, request.conversationIdentifier())
			.orElseThrow(() -> ErrorCode.CONVERSATION_IDENTIFIER_INVALID
				.exception("No conversation " + request.conversationIdentifier() + " in this org."));
		if (!conversation.channelDeveloperName().equals(channel)) {
			throw ErrorCode.AUTH_CONTEXT_CHANNEL_INVALID.exception("Conversation " + conversation.conversationIdentifier()
					+ " is not on the channel of AuthorizationContext " + channel + ".");
		}
		Participant sender = request.sender();
		if (!sender.subject().equals(conversation.endUserClientId())) {
			throw ErrorCode.INVALID_PARTICIPANT.exception("sender.subject '" + sender.subject()
					+ "' is not the end user of conversation " + conversation.conversationIdentifier() + ".");
		}
		Map<String, TranscriptEntry> entries = new LinkedHashMap<>();
		this.conversations.transcript(conversation.conversationIdentifier())
			.forEach((entry) -> entries.put(entry.entryId(), entry));
		for (int i = 0; i < request.acknowledgements().size(); i++) {
			Acknowledgement acknowledgement = request.acknowledgements().get(i);
			TranscriptEntry acknowledged = entries.get(acknowledgement.acknowledgedEntryIdentifier());
			if (acknowledged == null || Participant.END_USER.equals(acknowledged.sender().role())) {
				throw ErrorCode.INVALID_PARAMETERS.exception("acknowledgements[" + i
						+ "].acknowledgedConversationEntryIdentifier '" + acknowledgement.acknowledgedEntryIdentifier()
						+ "' is not an agent's or bot's entry of the conversation.");
			}
		}
		this.transactions.executeWithoutResult((status) -> request.acknowledgements().forEach((acknowledgement) -> {
			String hash = acknowledgement.contentHash();
			if (!this.repository.insert(conversation.orgKey(), conversation.conversationIdentifier(), acknowledgement,
					hash)
					&& !this.repository.contentHash(conversation.conversationIdentifier(),
							acknowledgement.createdEntryIdentifier()).orElse(hash).equals(hash)) {
				throw ErrorCode.DUPLICATE_ENTRY_ID.exception("acknowledgmentCreatedConversationEntryIdentifier "
						+ acknowledgement.createdEntryIdentifier() + " was already used for another receipt.");
			}
		}));
	}

	/** Each acknowledged entry's latest receipt, by entry id: what the console shows next to the entry. */
	public Map<String, Acknowledgement> latest(String conversationIdentifier) {
		Map<String, Acknowledgement> latest = new LinkedHashMap<>();
		for (Acknowledgement acknowledgement : this.repository.findByConversation(conversationIdentifier)) {
			latest.putIfAbsent(acknowledgement.acknowledgedEntryIdentifier(), acknowledgement);
		}
		return latest;
	}

	private static Acknowledgement acknowledgement(JsonFields item) {
		String type = item.requireOneOf("acknowledgementType", Set.of("Read", "Delivered"));
		String acknowledged = item.requireNonBlank("acknowledgedConversationEntryIdentifier",
				ErrorCode.INVALID_PARAMETERS, InteractionRequestDecoder.MAX_ID_LENGTH);
		String created = item.requireNonBlank("acknowledgmentCreatedConversationEntryIdentifier",
				ErrorCode.INVALID_PARAMETERS, InteractionRequestDecoder.MAX_ID_LENGTH);
		return new Acknowledgement(acknowledged, type, timestamp(item), created);
	}

	/** Epoch milliseconds as a number or a string of digits (the yaml types it as a string), or an ISO instant. */
	private static long timestamp(JsonFields item) {
		JsonNode value = item.raw("acknowledgementTimestamp");
		String path = item.path("acknowledgementTimestamp");
		if (value != null && value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
			return value.longValue();
		}
		if (value != null && value.isString()) {
			String text = value.stringValue().trim();
			if (DIGITS.matcher(text).matches()) {
				return Long.parseLong(text);
			}
			try {
				return Instant.parse(text).toEpochMilli();
			}
			catch (DateTimeParseException ex) {
				// refused below
			}
		}
		throw ErrorCode.INVALID_PARAMETERS
			.exception(path + " is required: epoch milliseconds (a number or a string of digits).");
	}

	/** The command of {@code POST /api/v1/acknowledgement}, read with the contract's codes (see the class). */
	public record Acknowledge(String conversationIdentifier, Participant sender,
			List<Acknowledgement> acknowledgements) {

		public static Acknowledge read(JsonFields root) {
			JsonNode identifier = root.raw("conversationIdentifier");
			if (identifier == null || !identifier.isString() || identifier.stringValue().isBlank()
					|| identifier.stringValue().length() > MAX_IDENTIFIER_LENGTH) {
				throw ErrorCode.CONVERSATION_IDENTIFIER_INVALID.exception("conversationIdentifier is required: a string "
						+ "of at most " + MAX_IDENTIFIER_LENGTH + " characters.");
			}
			Participant sender = ParticipantFields.read(root.requireObject("sender"));
			if (!Participant.CUSTOM.equals(sender.appType())) {
				throw ErrorCode.INVALID_APP_TYPE
					.exception("sender.appType must be 'custom': receipts come from the end user.");
			}
			if (!Participant.END_USER.equals(sender.role())) {
				throw ErrorCode.INVALID_PARTICIPANT_ROLE.exception("sender.role must be 'EndUser'.");
			}
			Map<String, Acknowledgement> received = new LinkedHashMap<>();
			for (JsonFields item : root.objects("acknowledgements", 1, MAX_ACKNOWLEDGEMENTS)) {
				Acknowledgement acknowledgement = acknowledgement(item);
				if (received.put(acknowledgement.createdEntryIdentifier(), acknowledgement) != null) {
					throw ErrorCode.INVALID_PARAMETERS
						.exception(item.path("acknowledgmentCreatedConversationEntryIdentifier") + " '"
								+ acknowledgement.createdEntryIdentifier() + "' is used twice in this request.");
				}
			}
			return new Acknowledge(identifier.stringValue(), sender, List.copyOf(received.values()));
		}

	}

	/**
	 * A receipt: the acknowledged entry, {@code Read} or {@code Delivered}, when (epoch milliseconds), and the entry
	 * id the client chose for the receipt itself.
	 */
	public record Acknowledgement(String acknowledgedEntryIdentifier, String type, long timestamp,
			String createdEntryIdentifier) {

		String contentHash() {
			return CanonicalJson.fingerprint(JsonNodeFactory.instance.objectNode()
				.put("acknowledged", this.acknowledgedEntryIdentifier)
				.put("type", this.type)
				.put("timestamp", this.timestamp));
		}

	}

}
