package org.byoc.interaction.agent.simulator;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.agent.AgentActions;
import org.byoc.interaction.agent.AgentAttachments;
import org.byoc.interaction.agent.simulator.TurnRepository.Turn;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.routing.Routings;
import org.byoc.interaction.routing.session.Sessions;
import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.ScriptedAgent;
import org.byoc.interaction.setup.ScriptedAgent.Reply;

/**
 * One step of a scripted agent in one conversation (its opened work), in one transaction that holds the work's turn
 * row: answer the next end-user message by the rules (typing first if the rule says so), hand the conversation on
 * or end it when due. Every action is the console's own ({@link AgentActions}, {@link Routings#transfer},
 * {@link Sessions#endByAgent}), so the partner receives exactly the events a person's actions cause.
 */
@Service
class ScriptedTurns {

	private static final String AGENT_ROLE = "Agent";

	private final TurnRepository turns;

	private final Conversations conversations;

	private final AgentActions actions;

	private final AgentAttachments attachments;

	private final Routings routings;

	private final Sessions sessions;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	ScriptedTurns(TurnRepository turns, Conversations conversations, AgentActions actions,
			AgentAttachments attachments, Routings routings, Sessions sessions, Clock clock) {
		this.turns = turns;
		this.conversations = conversations;
		this.actions = actions;
		this.attachments = attachments;
		this.routings = routings;
		this.sessions = sessions;
		this.clock = clock;
	}

	@Transactional
	void step(Org org, ScriptedAgent agent, AgentWork work) {
		long now = this.clock.millis();
		String conversationId = work.conversationIdentifier();
		List<TranscriptEntry> transcript = this.conversations.transcript(conversationId)
			.stream()
			.filter((entry) -> work.workItemId().equals(entry.messagingSessionId()))
			.toList();
		List<TranscriptEntry> messages = endUserMessages(transcript);
		Optional<Turn> locked = this.turns.lock(work.id());
		if (locked.isEmpty()) {
			this.turns.insert(work.id(), org.key(), conversationId, work.userId(), answeredBefore(transcript), now);
			locked = this.turns.lock(work.id());
		}
		Turn turn = locked.orElseThrow();
		if (turn.transferred()) {
			return;
		}
		if (turn.replyDueAt() != null) {
			if (now < turn.replyDueAt()) {
				return;
			}
			TranscriptEntry answered = messages.stream()
				.filter((entry) -> entry.entryId().equals(turn.typingEntryId()))
				.findFirst()
				.orElse(null);
			this.actions.typing(conversationId, work.userId(), false);
			String text = (answered != null) ? text(answered) : "";
			boolean replied = agent.replyTo(text).map((rule) -> reply(work, rule, text, turn.replies())).orElse(false);
			afterHandled(org, agent, work, turn.handled(replied, now), text);
			return;
		}
		if (turn.handled() < messages.size()) {
			String text = text(messages.get(turn.handled()));
			Optional<Reply> rule = agent.replyTo(text);
			if (rule.isPresent() && rule.get().typingMillis() > 0) {
				this.actions.typing(conversationId, work.userId(), true);
				this.turns.save(turn.typing(messages.get(turn.handled()).entryId(),
						now + rule.get().typingMillis(), now));
				return;
			}
			boolean replied = rule.map((r) -> reply(work, r, text, turn.replies())).orElse(false);
			afterHandled(org, agent, work, turn.handled(replied, now), text);
			return;
		}
		if (agent.endAfterIdleSeconds() > 0 && now - turn.lastActivityAt() >= agent.endAfterIdleSeconds() * 1000L) {
			this.sessions.endByAgent(org.id(), work.userId(), conversationId);
		}
	}

	private void afterHandled(Org org, ScriptedAgent agent, AgentWork work, Turn turn, String text) {
		Turn next = turn;
		ScriptedAgent.Transfer transfer = agent.transfer();
		if (transfer != null && transfer.isDue(turn.handled(), text)) {
			this.routings.transfer(org.id(), work.userId(), work.conversationIdentifier(),
					new Routings.TransferTarget(transfer.queueId(), transfer.flowId(), null));
			next = turn.markTransferred();
		}
		else if (agent.endAfterMessages() > 0 && turn.handled() >= agent.endAfterMessages()) {
			this.sessions.endByAgent(org.id(), work.userId(), work.conversationIdentifier());
		}
		this.turns.save(next);
	}

	/** Sends the rule's answer; false when it has nothing to say (an empty echo). */
	private boolean reply(AgentWork work, Reply rule, String endUserText, int replyNumber) {
		String text = rule.text(endUserText, replyNumber);
		if (rule.file() != null && rule.fileContent() != null) {
			byte[] content = Base64.getDecoder().decode(rule.fileContent());
			String fileName = rule.file().substring(rule.file().lastIndexOf('/') + 1);
			AgentAttachments.Uploaded uploaded = this.attachments.upload(work.conversationIdentifier(), fileName,
					content.length, new ByteArrayInputStream(content));
			this.actions.sendMessage(work.conversationIdentifier(), work.userId(), text,
					List.of(uploaded.attachment().id().toString()), null);
			return true;
		}
		if (text == null || text.isBlank()) {
			return false;
		}
		this.actions.sendMessage(work.conversationIdentifier(), work.userId(), text, null, null);
		return true;
	}

	private static List<TranscriptEntry> endUserMessages(List<TranscriptEntry> transcript) {
		List<TranscriptEntry> messages = new ArrayList<>();
		for (TranscriptEntry entry : transcript) {
			if (isEndUserMessage(entry)) {
				messages.add(entry);
			}
		}
		return messages;
	}

	/** End-user messages some agent already answered: those before the last agent message (a transfer's history). */
	private static int answeredBefore(List<TranscriptEntry> transcript) {
		int seen = 0;
		int answered = 0;
		for (TranscriptEntry entry : transcript) {
			if (isEndUserMessage(entry)) {
				seen++;
			}
			else if ("Message".equals(entry.entryType()) && AGENT_ROLE.equals(entry.sender().role())) {
				answered = seen;
			}
		}
		return answered;
	}

	private static boolean isEndUserMessage(TranscriptEntry entry) {
		return "Message".equals(entry.entryType()) && Participant.END_USER.equals(entry.sender().role());
	}

	/** The text of an end user's message (empty for a message without text, such as files only). */
	private String text(TranscriptEntry entry) {
		try {
			JsonNode payload = this.json.readTree(entry.payloadJson());
			JsonNode text = payload.at("/abstractMessage/staticContent/text");
			return text.isString() ? text.asString() : "";
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

}
