package org.byoc.interaction.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

import org.byoc.interaction.agent.AgentEntries.Context;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.ConcurrentWrites;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.conversation.message.AbstractMessage;
import org.byoc.interaction.outbound.Recipients;

/**
 * What agents write for each other, never for the end user: private notes ({@code Note}) and the flag an agent
 * raises to ask a supervisor for help ({@code FlagRaise}, with an optional message) and lowers again
 * ({@code FlagLower}), contract §D.5. Each is a transcript entry the console shows as private, and an Interaction
 * event whose {@code recipients.hidden} names the agents who see it (the acting agent and the others at the
 * conversation's desk); {@code primary} and {@code secondary} are empty: the end user is no recipient, and the
 * partner must not forward these entries to them. Bots reading the conversation do not get them either.
 * <p>
 * A caller may choose the entry's id ({@code id}): a retry with the same id and content records and publishes
 * nothing new. Notes and flags may follow the end of the session (an agent's wrap-up).
 */
@Service
public class AgentNotes {

	static final int MAX_TEXT = 4000;

	static final int MAX_ID_LENGTH = 240;

	private final AgentEntries entries;

	private final Conversations conversations;

	private final TransactionTemplate transactions;

	AgentNotes(AgentEntries entries, Conversations conversations, TransactionTemplate transactions) {
		this.entries = entries;
		this.conversations = conversations;
		this.transactions = transactions;
	}

	public AgentActions.Sent note(String conversationIdentifier, String userId, String text, String id) {
		requireText(text, "text", true);
		return inTransaction(() -> {
			Context context = this.entries.anySession(conversationIdentifier, userId);
			String entryId = entryId(id);
			ObjectNode payload = this.entries.payload("Note", entryId);
			payload.set("abstractMessage", AbstractMessage.staticText(entryId, text).tree());
			return this.entries.recordOnce(context, entryId, payload, hash("Note", context, text), audience(context));
		});
	}

	/** Raises the conversation's flag; 10089 when it is raised already (lower it first). */
	public AgentActions.Sent raiseFlag(String conversationIdentifier, String userId, String message, String id) {
		requireText(message, "text", false);
		return inTransaction(() -> raise(conversationIdentifier, userId, message, id));
	}

	/** Lowers the conversation's flag; 10089 when it is not raised. */
	public AgentActions.Sent lowerFlag(String conversationIdentifier, String userId, String id) {
		return inTransaction(() -> lower(conversationIdentifier, userId, id));
	}

	/**
	 * One transaction, run again when the database refused it for a concurrent one (H2), so retries that race
	 * each other get the first one's answer.
	 */
	private AgentActions.Sent inTransaction(Supplier<AgentActions.Sent> work) {
		return ConcurrentWrites.retrying(() -> this.transactions.execute((status) -> work.get()));
	}

	private AgentActions.Sent raise(String conversationIdentifier, String userId, String message, String id) {
		Context context = this.entries.anySession(conversationIdentifier, userId);
		String entryId = entryId(id);
		String hash = hash("FlagRaise", context, message);
		this.conversations.lock(conversationIdentifier);
		if (!isRetry(conversationIdentifier, id) && flagRaised(conversationIdentifier)) {
			throw ErrorCode.INVALID_PARAMETERS
				.exception("The flag of conversation " + conversationIdentifier + " is raised already.");
		}
		ObjectNode payload = this.entries.payload("FlagRaise", entryId);
		if (message != null) {
			payload.set("abstractMessage", AbstractMessage.staticText(entryId, message).tree());
		}
		return this.entries.recordOnce(context, entryId, payload, hash, audience(context));
	}

	private AgentActions.Sent lower(String conversationIdentifier, String userId, String id) {
		Context context = this.entries.anySession(conversationIdentifier, userId);
		String entryId = entryId(id);
		this.conversations.lock(conversationIdentifier);
		if (!isRetry(conversationIdentifier, id) && !flagRaised(conversationIdentifier)) {
			throw ErrorCode.INVALID_PARAMETERS
				.exception("The flag of conversation " + conversationIdentifier + " is not raised.");
		}
		return this.entries.recordOnce(context, entryId, this.entries.payload("FlagLower", entryId),
				hash("FlagLower", context, null), audience(context));
	}

	/** Whether the conversation's latest flag entry raised it. */
	public boolean flagRaised(String conversationIdentifier) {
		boolean raised = false;
		for (TranscriptEntry entry : this.conversations.transcript(conversationIdentifier)) {
			if ("FlagRaise".equals(entry.entryType())) {
				raised = true;
			}
			else if ("FlagLower".equals(entry.entryType())) {
				raised = false;
			}
		}
		return raised;
	}

	private Recipients audience(Context context) {
		return Recipients.hiddenFromEndUser(this.entries.desk(context));
	}

	private boolean isRetry(String conversationIdentifier, String id) {
		return id != null && this.conversations.transcript(conversationIdentifier)
			.stream()
			.anyMatch((entry) -> entry.entryId().equals(id));
	}

	static String entryId(String id) {
		if (id == null) {
			return UUID.randomUUID().toString();
		}
		if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
			throw ErrorCode.INVALID_PARAMETERS.exception("id, when given, must be 1 to " + MAX_ID_LENGTH
					+ " characters (a UUID the caller chose, so a retry is recognised).");
		}
		return id;
	}

	static void requireText(String text, String name, boolean required) {
		if (text == null && !required) {
			return;
		}
		if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
			throw ErrorCode.INVALID_PARAMETERS.exception(name + (required ? " is required: " : " must be ") + "1 to "
					+ MAX_TEXT + " characters.");
		}
	}

	/** What a retry must repeat: the kind of entry, who wrote it and what it says. */
	static String hash(String kind, Context context, String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(String.join("\u0000", List.of(kind, context.agent().subject(), (text != null) ? text : ""))
					.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
