package org.byoc.interaction.routing.work;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.outbound.ConversationEntry;
import org.byoc.interaction.outbound.OutboundEvents;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.routing.PendingServiceRouting;
import org.byoc.interaction.routing.RoutingEvents;
import org.byoc.interaction.routing.internal.RoutingRepository;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * The Interaction entries the work itself causes (contract §D.5): RoutingWorkResult for every AgentWork
 * transition, QueuePosition for a routing waiting in a queue, TransferProgress for a rep's transfer, and
 * ParticipantsConferenced when a conference forms. Appended in the caller's transaction, to the end user as
 * recipient, sent by the conversation's router (or the rep whose action it was). Every work transition also tells
 * the router ({@link QueueChanged}) that capacity or a queue may have changed.
 */
@Component
public class WorkEvents {

	private final OutboundEvents outbound;

	private final SetupDirectory setup;

	private final ApplicationEventPublisher publisher;

	private final RoutingRepository repository;

	private final JsonMapper json;

	WorkEvents(OutboundEvents outbound, SetupDirectory setup, ApplicationEventPublisher publisher,
			RoutingRepository repository, JsonMapper json) {
		this.json = json;
		this.outbound = outbound;
		this.setup = setup;
		this.publisher = publisher;
		this.repository = repository;
	}

	/**
	 * An AgentWork changed: {@code workType} Assigned, Accepted, Declined, Closed, Cancelled, Transferred or
	 * TransferError. {@code workTargetId} is the rep the work is for; {@code queueId} the queue it came through
	 * (the work's PSR's, read when {@code psr} is not given).
	 */
	public void workResult(Conversation conversation, AgentWork work, WorkType workType, List<String> errorMessages,
			PendingServiceRouting psr, Participant sender) {
		if (psr == null && work.psrId() != null) {
			psr = this.repository.psr(work.orgKey(), work.psrId()).orElse(null);
		}
		ObjectNode payload = entryPayload("RoutingWorkResult");
		payload.put("workId", work.id());
		payload.put("workTargetId", work.userId());
		payload.put("workType", workType.name());
		ArrayNode errors = payload.putArray("errorMessages");
		errorMessages.forEach(errors::add);
		if (psr != null && psr.queueId() != null) {
			payload.put("queueId", psr.queueId());
		}
		payload.put("routingType", work.routingType().name());
		publish(conversation, (sender != null) ? sender : RoutingEvents.router(conversation), payload);
		this.publisher.publishEvent(new QueueChanged(conversation.orgKey()));
	}

	/** A routing opened or closed: the router looks at the org's queues once the change commits. */
	public void routingChanged(String orgKey) {
		this.publisher.publishEvent(new QueueChanged(orgKey));
	}

	/** The routing's place in its queue (1 is next), when it enters the queue and whenever the place changes. */
	public void queuePosition(Conversation conversation, PendingServiceRouting psr, int position) {
		ObjectNode payload = entryPayload("QueuePosition");
		payload.put("pendingServiceRoutingId", psr.id());
		payload.put("workItemId", psr.workItemId());
		payload.put("position", position);
		publish(conversation, RoutingEvents.router(conversation), payload);
	}

	/** A transfer's progress: Requested by a rep, then Completed (a rep accepted it) or Failed. */
	public void transferProgress(Conversation conversation, PendingServiceRouting psr, TransferStatus status,
			List<String> errorMessages, Participant sender) {
		ObjectNode payload = entryPayload("TransferProgress");
		payload.put("transferStatus", status.name());
		payload.put("pendingServiceRoutingId", psr.id());
		payload.put("workItemId", psr.workItemId());
		payload.put("routingType", psr.routingType().name());
		ArrayNode errors = payload.putArray("errorMessages");
		errorMessages.forEach(errors::add);
		ObjectNode details = payload.putObject("routingConfigurationDetails");
		if (psr.userId() != null) {
			details.put("routingConfigurationType", "AgentRoutingType");
			details.put("agentId", psr.userId());
		}
		else {
			details.put("routingConfigurationType", "QueueRoutingType");
			details.put("queueId", psr.queueId());
		}
		publish(conversation, (sender != null) ? sender : RoutingEvents.router(conversation), payload);
	}

	/** A rep joined a conversation other reps are in through a Conference routing: who is in the conference now. */
	void participantsConferenced(Conversation conversation, PendingServiceRouting psr, List<String> agentIds,
			Participant sender) {
		ObjectNode payload = entryPayload("ParticipantsConferenced");
		if (psr != null) {
			payload.put("pendingServiceRoutingId", psr.id());
		}
		ArrayNode participants = payload.putArray("participants");
		for (String agentId : agentIds) {
			Participant agent = Participant.agent(agentId);
			ObjectNode node = participants.addObject();
			node.put("appType", agent.appType());
			node.put("subject", agent.subject());
			node.put("role", agent.role());
		}
		publish(conversation, sender, payload);
	}

	private void publish(Conversation conversation, Participant sender, ObjectNode payload) {
		Channel channel = this.setup.channel(OrgIds.key(conversation.orgKey()), conversation.channelDeveloperName())
			.orElse(null);
		if (channel == null) {
			return;
		}
		long now = Instant.now().toEpochMilli();
		this.outbound.publishInteraction(channel, conversation.conversationIdentifier(),
				conversation.channelAddressIdentifier(), Participant.endUser(conversation.endUserClientId()),
				new ConversationEntry(payload.get("id").asString(), payload.get("entryType").asString(),
						this.json.writeValueAsString(payload), sender, null, now, now, 0));
	}

	private static ObjectNode entryPayload(String entryType) {
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.put("entryType", entryType);
		payload.put("id", UUID.randomUUID().toString());
		return payload;
	}

	/** RoutingWorkResult's workType (the inbound yaml's enum). */
	public enum WorkType {

		Assigned, Accepted, Cancelled, Closed, Declined, TransferError, Transferred

	}

	/** TransferProgress's transferStatus. */
	public enum TransferStatus {

		Requested, Completed, Failed

	}

	/** The org's queues or reps' capacity may have changed: the router looks again once the change commits. */
	public record QueueChanged(String orgKey) {
	}

}
