package org.byoc.interaction.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.byoc.interaction.agent.AgentEntries.Context;
import org.byoc.interaction.agent.ReceiptRepository.Receipt;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.InteractionApiException;
import org.byoc.interaction.conversation.AgentJoined;
import org.byoc.interaction.conversation.ConcurrentWrites;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.EndUserEntryRecorded;
import org.byoc.interaction.conversation.TakingPart;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.outbound.ConversationEntry;
import org.byoc.interaction.outbound.Participant;

/**
 * The agent side's receipts for the end user's messages (outbound {@code DeliveryAcknowledgement} and
 * {@code ReadAcknowledgement}, contract §D.5), sent by the agent to the end user, naming the end user's entry:
 * <ul>
 * <li>Delivered when the agent's desk receives the entry: it arrives while an agent takes part in the conversation's
 * session, or it was waiting when an agent joins (accepting work or joining by hand);</li>
 * <li>Read when the agent reads it: the console showed it to them, or {@code POST .../read} reads up to an entry. A
 * Read that was never Delivered is Delivered first.</li>
 * </ul>
 * Each entry gets at most one receipt of each type, ever: the receipt table's key decides which of any retried or
 * concurrent requests publishes it. The end user's own receipts for agents' entries are the inbound
 * {@code POST /api/v1/acknowledgement}.
 */
@Service
public class AgentReceipts {

	static final String DELIVERED = "Delivered";

	static final String READ = "Read";

	private final AgentEntries entries;

	private final Conversations conversations;

	private final ReceiptRepository repository;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	AgentReceipts(AgentEntries entries, Conversations conversations, ReceiptRepository repository,
			TransactionTemplate transactions, JsonMapper json) {
		this.entries = entries;
		this.conversations = conversations;
		this.repository = repository;
		this.transactions = transactions;
		this.json = json;
	}

	/**
	 * An end user's message reaches an agent who takes part in the conversation: Delivered, from that agent. The
	 * desk receives a message before anything answers it (e.g. a consent keyword's confirmation).
	 */
	@EventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void onEndUserEntry(EndUserEntryRecorded recorded) {
		if (!"Message".equals(recorded.entry().entryType())) {
			return;
		}
		for (TakingPart agent : this.conversations.agentsTakingPart(recorded.conversation())) {
			Context context = contextOf(recorded.conversation(), agent.participant().subject());
			if (context != null) {
				acknowledge(context, recorded.entry().entryId(), DELIVERED, Instant.now().toEpochMilli());
				return;
			}
		}
	}

	/**
	 * An agent joins: the end user's messages of the session that no desk received yet are Delivered now. Runs as
	 * the joining transaction commits, so the receipts follow the ParticipantChanged event the join published.
	 */
	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	void onAgentJoined(AgentJoined joined) {
		Conversation conversation = this.conversations.findInAnyOrg(joined.conversationIdentifier()).orElseThrow();
		if (!conversation.currentSessionId().equals(joined.messagingSessionId())) {
			return;
		}
		Context context = contextOf(conversation, joined.agent().subject());
		if (context == null) {
			return;
		}
		Set<String> delivered = received(conversation, DELIVERED);
		long now = Instant.now().toEpochMilli();
		for (TranscriptEntry entry : this.conversations.transcript(conversation.conversationIdentifier())) {
			if (fromEndUser(entry) && joined.messagingSessionId().equals(entry.messagingSessionId())
					&& !delivered.contains(entry.entryId())) {
				acknowledge(context, entry.entryId(), DELIVERED, now);
			}
		}
	}

	/**
	 * The agent reads the conversation up to an entry (its last entry when null): every end-user message up to it
	 * not read before is Read now (and Delivered first if no desk received it yet). Answers what this call
	 * acknowledged; a retry answers nothing new and publishes nothing.
	 * @throws org.byoc.interaction.contract.InteractionApiException 10018, 15106, or 10089 when the entry is not one of the
	 * conversation's
	 */
	public Read read(String conversationIdentifier, String userId, String upToEntryIdentifier) {
		return ConcurrentWrites.retrying(() -> this.transactions.execute((status) -> {
			Context context = this.entries.anySession(conversationIdentifier, userId);
			List<TranscriptEntry> transcript = this.conversations.transcript(conversationIdentifier);
			int upTo = transcript.size() - 1;
			if (upToEntryIdentifier != null) {
				upTo = -1;
				for (int i = 0; i < transcript.size(); i++) {
					if (transcript.get(i).entryId().equals(upToEntryIdentifier)) {
						upTo = i;
					}
				}
				if (upTo < 0) {
					throw ErrorCode.INVALID_PARAMETERS.exception("upToEntryIdentifier '" + upToEntryIdentifier
							+ "' is not an entry of conversation " + conversationIdentifier + ".");
				}
			}
			Set<String> delivered = received(context.conversation(), DELIVERED);
			Set<String> read = received(context.conversation(), READ);
			List<String> newlyDelivered = new ArrayList<>();
			List<String> newlyRead = new ArrayList<>();
			long now = Instant.now().toEpochMilli();
			for (TranscriptEntry entry : transcript.subList(0, upTo + 1)) {
				if (!fromEndUser(entry) || read.contains(entry.entryId())) {
					continue;
				}
				if (!delivered.contains(entry.entryId()) && acknowledge(context, entry.entryId(), DELIVERED, now)) {
					newlyDelivered.add(entry.entryId());
				}
				if (acknowledge(context, entry.entryId(), READ, now)) {
					newlyRead.add(entry.entryId());
				}
			}
			return new Read(context.conversation().conversationIdentifier(), newlyDelivered, newlyRead);
		}));
	}

	/** Each end-user entry's receipts so far, by entry id (for the console's ticks). */
	public Map<String, State> states(String conversationIdentifier) {
		Map<String, State> states = new LinkedHashMap<>();
		for (Receipt receipt : this.repository.ofConversation(conversationIdentifier)) {
			State state = states.getOrDefault(receipt.entryId(), new State(null, null, null));
			states.put(receipt.entryId(), DELIVERED.equals(receipt.type())
					? new State(receipt.acknowledgedAt(), state.readAt(), state.readBy())
					: new State(state.deliveredAt(), receipt.acknowledgedAt(), receipt.userId()));
		}
		return states;
	}

	/**
	 * The agent's desk in the conversation; null for an agent who is no user of the org (the setup changed since
	 * they joined): nobody's desk, nothing received, and the end user's interaction must not fail for it.
	 */
	private Context contextOf(Conversation conversation, String userId) {
		try {
			return this.entries.of(conversation, userId);
		}
		catch (InteractionApiException ex) {
			return null;
		}
	}

	private Set<String> received(Conversation conversation, String type) {
		Set<String> ids = new HashSet<>();
		for (Receipt receipt : this.repository.ofConversation(conversation.conversationIdentifier())) {
			if (type.equals(receipt.type())) {
				ids.add(receipt.entryId());
			}
		}
		return ids;
	}

	private static boolean fromEndUser(TranscriptEntry entry) {
		return Participant.END_USER.equals(entry.sender().role()) && "Message".equals(entry.entryType());
	}

	/** Records the receipt and, if this call recorded it, publishes it; true when published. */
	private boolean acknowledge(Context context, String entryId, String type, long at) {
		Conversation conversation = context.conversation();
		String receiptId = UUID.randomUUID().toString();
		if (!this.repository.insert(conversation.orgKey(), conversation.conversationIdentifier(), entryId, type,
				receiptId, context.agent().subject(), at)) {
			return false;
		}
		String entryType = DELIVERED.equals(type) ? "DeliveryAcknowledgement" : "ReadAcknowledgement";
		ObjectNode payload = this.entries.payload(entryType, receiptId);
		payload.set("recipient", this.json.valueToTree(Participant.endUser(conversation.endUserClientId())));
		payload.put("acknowledgedConversationEntryIdentifier", entryId);
		payload.put("acknowledgementTimestamp", at);
		this.entries.publish(context, new ConversationEntry(receiptId, entryType, this.json.writeValueAsString(payload),
				context.agent(), context.displayName(), at, at, 0));
		return true;
	}

	/** What a read acknowledged: the end user's entries newly Delivered and newly Read, in transcript order. */
	public record Read(String conversationIdentifier, List<String> delivered, List<String> read) {
	}

	/** An end-user entry's receipts: when it was Delivered and Read (null: not yet), and by whom it was read. */
	public record State(Long deliveredAt, Long readAt, String readBy) {
	}

}
