package org.byoc.interaction.agent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

import org.byoc.interaction.agent.AgentEntries.Context;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.ConcurrentWrites;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.outbound.Recipients;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * An agent consults another agent about a customer conversation: a consult conversation of its own between the
 * two (its messages stay between them), announced in the customer conversation by a {@code ConsultConversationInfo}
 * entry whose {@code conversationIdentifier} is the consult's id (contract §D.5). The entry is private like a note:
 * {@code recipients.hidden} names both agents (and the others at the desk), never the end user.
 */
@Service
public class Consults {

	private final AgentEntries entries;

	private final ConsultRepository repository;

	private final SetupDirectory setup;

	private final TransactionTemplate transactions;

	Consults(AgentEntries entries, ConsultRepository repository, SetupDirectory setup,
			TransactionTemplate transactions) {
		this.entries = entries;
		this.repository = repository;
		this.setup = setup;
		this.transactions = transactions;
	}

	/**
	 * Opens a consult with {@code consultedUserId} (another user of the org), with an optional first message. A
	 * retry naming the same entry {@code id} answers the consult opened first.
	 * @throws org.byoc.interaction.contract.InteractionApiException 10018, 15106 (either user), 10071, 10089, 10073
	 */
	public Opened open(String conversationIdentifier, String userId, String consultedUserId, String text, String id) {
		AgentNotes.requireText(text, "text", false);
		if (consultedUserId == null || consultedUserId.isBlank()) {
			throw ErrorCode.INVALID_PARAMETERS.exception("consultedUserId is required: the agent to consult.");
		}
		return ConcurrentWrites.retrying(() -> this.transactions
			.execute((status) -> openOnce(conversationIdentifier, userId, consultedUserId, text, id)));
	}

	private Opened openOnce(String conversationIdentifier, String userId, String consultedUserId, String text,
			String id) {
		Context context = this.entries.context(conversationIdentifier, userId);
		Org.AppUser consulted = AgentEntries.user(context.org(), consultedUserId);
		if (OrgIds.sameId(consulted.id(), context.agent().subject())) {
			throw ErrorCode.INVALID_PARAMETERS.exception("An agent cannot consult themselves.");
		}
		String entryId = AgentNotes.entryId(id);
		Instant now = Instant.now();
		Consult consult = new Consult(UUID.randomUUID().toString(), context.conversation().orgKey(),
				context.conversation().conversationIdentifier(), entryId, context.agent().subject(), consulted.id(),
				Status.Open, now, null);
		if (!this.repository.insert(consult)) {
			Consult first = this.repository.findByInfoEntry(consult.conversationIdentifier(), entryId).orElseThrow();
			if (!OrgIds.sameId(first.requestedBy(), consult.requestedBy())
					|| !OrgIds.sameId(first.consultedUserId(), consult.consultedUserId())) {
				throw ErrorCode.DUPLICATE_ENTRY_ID
					.exception("Entry id " + entryId + " was already used for another consult.");
			}
			return new Opened(first, null);
		}
		if (text != null) {
			this.repository.insertMessage(consult.id(), consult.requestedBy(), text, now.toEpochMilli());
		}
		ObjectNode payload = this.entries.payload("ConsultConversationInfo", entryId);
		payload.put("conversationIdentifier", consult.id());
		payload.put("timestamp", now.toEpochMilli());
		Recipients audience = Recipients
			.hiddenFromEndUser(this.entries.desk(context, Participant.agent(consulted.id())));
		AgentActions.Sent sent = this.entries.recordOnce(context, entryId, payload,
				AgentNotes.hash("ConsultConversationInfo", context, consulted.id()), audience);
		return new Opened(consult, sent.eventId());
	}

	/** A consult with its messages; 10089 when there is none. */
	public View view(String consultId) {
		Consult consult = this.repository.find(consultId)
			.orElseThrow(() -> ErrorCode.INVALID_PARAMETERS.exception("No consult " + consultId + "."));
		return new View(consult, this.repository.messages(consult.id()));
	}

	public List<View> ofConversation(String conversationIdentifier) {
		return this.repository.ofConversation(conversationIdentifier)
			.stream()
			.map((c) -> new View(c, this.repository.messages(c.id())))
			.toList();
	}

	/** The open consults the user asked for or was asked into. */
	public List<View> openOfUser(String orgId, String userId) {
		return this.repository.openOfUser(OrgIds.key(orgId), userId)
			.stream()
			.map((c) -> new View(c, this.repository.messages(c.id())))
			.toList();
	}

	/** One of the two agents writes in an open consult. */
	@Transactional
	public View write(String consultId, String userId, String text) {
		AgentNotes.requireText(text, "text", true);
		Consult consult = ownOpen(consultId, userId);
		this.repository.insertMessage(consult.id(), userId, text, Instant.now().toEpochMilli());
		return view(consult.id());
	}

	/** One of the two agents ends the consult; ending an ended consult is refused (10089). */
	@Transactional
	public View end(String consultId, String userId) {
		Consult consult = ownOpen(consultId, userId);
		if (!this.repository.end(consult.id())) {
			throw ErrorCode.INVALID_PARAMETERS.exception("Consult " + consultId + " has ended.");
		}
		return view(consult.id());
	}

	private Consult ownOpen(String consultId, String userId) {
		Consult consult = view(consultId).consult();
		Org org = this.setup.org(consult.orgKey()).orElseThrow();
		Org.AppUser user = AgentEntries.user(org, userId);
		if (!OrgIds.sameId(user.id(), consult.requestedBy()) && !OrgIds.sameId(user.id(), consult.consultedUserId())) {
			throw ErrorCode.INVALID_PARTICIPANT
				.exception("User " + user.id() + " is not one of the two agents of consult " + consultId + ".");
		}
		if (consult.status() != Status.Open) {
			throw ErrorCode.INVALID_PARAMETERS.exception("Consult " + consultId + " has ended.");
		}
		return consult;
	}

	/** A consult conversation: between {@code requestedBy} and {@code consultedUserId}, about a conversation. */
	public record Consult(String id, String orgKey, String conversationIdentifier, String infoEntryId,
			String requestedBy, String consultedUserId, Status status, Instant createdAt, Instant endedAt) {
	}

	/** One message in a consult. */
	public record Message(String senderUserId, String text, long createdAt) {
	}

	public record View(Consult consult, List<Message> messages) {
	}

	/** A consult just opened (or found again by a retry: no eventId then). */
	public record Opened(Consult consult, String eventId) {
	}

	public enum Status {

		Open, Ended

	}

}
