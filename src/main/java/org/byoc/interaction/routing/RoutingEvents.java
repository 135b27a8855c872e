package org.byoc.interaction.routing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.outbound.ConversationEntry;
import org.byoc.interaction.outbound.OutboundEvents;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * The outbound events routing causes (contract §D.5: ParticipantChanged, RoutingResult, SessionStatusChanged as
 * Interaction events; RoutingRequested), built with the contract's field names and appended in the caller's
 * transaction. Every event goes to the conversation's end user as recipient, on the conversation's channel.
 */
@Component
public class RoutingEvents {

	/** Who is behind changes nobody in the conversation made: the service itself, and its router. */
	static final String SYSTEM_ROLE = "System";

	static final String ROUTER_ROLE = "Router";

	private static final String SYSTEM_APP_TYPE = "conversation";

	private final OutboundEvents outbound;

	private final SetupDirectory setup;

	private final Conversations conversations;

	private final JsonMapper json;

	RoutingEvents(OutboundEvents outbound, SetupDirectory setup, Conversations conversations, JsonMapper json) {
		this.json = json;
		this.outbound = outbound;
		this.setup = setup;
		this.conversations = conversations;
	}

	public static Participant system(Conversation conversation) {
		return new Participant(SYSTEM_APP_TYPE, conversation.conversationIdentifier(), SYSTEM_ROLE);
	}

	public static Participant router(Conversation conversation) {
		return new Participant(SYSTEM_APP_TYPE, conversation.conversationIdentifier(), ROUTER_ROLE);
	}

	/**
	 * Reps joining ({@code add}) or leaving ({@code remove}) the conversation, in one event; like the agent's own
	 * join and leave, the change is also a transcript entry.
	 */
	public void participantChanged(Conversation conversation, Participant sender, List<ParticipantChange> changes) {
		if (changes.isEmpty()) {
			return;
		}
		ObjectNode payload = entryPayload("ParticipantChanged");
		ArrayNode entries = payload.putArray("entries");
		for (ParticipantChange change : changes) {
			ObjectNode entry = entries.addObject();
			entry.put("operation", change.operation());
			entry.set("participant", participant(change.participant()));
			if (change.displayName() != null) {
				entry.put("displayName", change.displayName());
			}
		}
		long now = Instant.now().toEpochMilli();
		String id = payload.get("id").asString();
		TranscriptEntry entry = new TranscriptEntry(conversation.conversationIdentifier(), id,
				conversation.currentSessionId(), "ParticipantChanged", sender, null, now, now,
				this.json.writeValueAsString(payload), null, null);
		this.conversations.record(conversation.orgKey(), entry, id);
		publish(conversation, entry.toConversationEntry());
	}

	/** The outcome of routing a work item: {@code failureType} None when a rep took it. */
	public void routingResult(Conversation conversation, RoutingOutcome outcome) {
		ObjectNode payload = entryPayload("RoutingResult");
		payload.put("failureType", outcome.failureType());
		payload.put("routingType", outcome.routingType().name());
		ArrayNode errors = payload.putArray("errorMessages");
		outcome.errorMessages().forEach(errors::add);
		payload.put("recordId", outcome.workItemId());
		if (outcome.psr() != null) {
			payload.put("pendingServiceRoutingId", outcome.psr().id());
		}
		if (outcome.workOwnerId() != null) {
			payload.put("workOwnerId", outcome.workOwnerId());
		}
		payload.put("isExternallyRouted", false);
		ObjectNode details = payload.putObject("routingConfigurationDetails");
		if (outcome.psr() != null && outcome.psr().queueId() != null) {
			details.put("routingConfigurationType", "QueueRoutingType");
			details.put("queueId", outcome.psr().queueId());
		}
		else {
			details.put("routingConfigurationType", "AgentRoutingType");
			details.put("agentId", outcome.workOwnerId());
		}
		publish(conversation, router(conversation), payload);
	}

	/** A session moving from one status to another. */
	public void sessionStatusChanged(Conversation conversation, MessagingSession before, MessagingSession after,
			String endedByRole, Participant sender) {
		ObjectNode payload = entryPayload("SessionStatusChanged");
		payload.put("conversationIdentifier", conversation.conversationIdentifier());
		payload.put("channelAddressIdentifier", conversation.channelAddressIdentifier());
		payload.put("sessionId", after.id());
		payload.put("sessionStatus", after.status().name());
		payload.put("sessionStatusPrev", before.status().name());
		payload.put("sessionStartTime", after.startedAt().toEpochMilli());
		if (after.endedAt() != null) {
			payload.put("sessionEndTime", after.endedAt().toEpochMilli());
		}
		if (endedByRole != null) {
			payload.put("sessionEndedByRole", endedByRole);
		}
		publish(conversation, sender, payload);
	}

	/**
	 * Asks the partner's router to route a transfer (Partner-routed channels only). {@code channelData} carries the
	 * PSR's correlation id as {@code eventId}, which the partner sends back as {@code routingCorrelationId}.
	 */
	void routingRequested(Conversation conversation, PendingServiceRouting psr, String routerParticipantSubject) {
		Channel channel = channel(conversation);
		if (channel == null) {
			return;
		}
		ObjectNode channelData = JsonNodeFactory.instance.objectNode();
		channelData.put("eventId", psr.routingCorrelationId());
		channelData.put("routerParticipantSubject", routerParticipantSubject);
		channelData.put("routingType", psr.routingType().name());
		channelData.put("conversationId", conversation.conversationIdentifier());
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.put("conversationIdentifier", conversation.conversationIdentifier());
		payload.put("routingType", psr.routingType().name());
		payload.put("workRecordId", psr.workItemId());
		ObjectNode parameters = payload.putObject("routingParameters");
		if (psr.queueId() != null) {
			parameters.put("queueId", psr.queueId());
		}
		if (psr.flowId() != null) {
			parameters.put("flowId", psr.flowId());
		}
		if (psr.userId() != null) {
			parameters.put("userId", psr.userId());
			parameters.put("isUserRequired", true);
		}
		parameters.put("isTransfer", psr.routingType() == RoutingType.Transfer);
		parameters.put("channelData", this.json.writeValueAsString(channelData));
		this.outbound.publishRoutingRequested(channel, conversation.channelAddressIdentifier(),
				Participant.endUser(conversation.endUserClientId()), this.json.writeValueAsString(payload));
	}

	private void publish(Conversation conversation, Participant sender, ObjectNode payload) {
		long now = Instant.now().toEpochMilli();
		publish(conversation, new ConversationEntry(payload.get("id").asString(), payload.get("entryType").asString(),
				this.json.writeValueAsString(payload), sender, null, now, now, 0));
	}

	private void publish(Conversation conversation, ConversationEntry entry) {
		Channel channel = channel(conversation);
		if (channel == null) {
			return;
		}
		this.outbound.publishInteraction(channel, conversation.conversationIdentifier(),
				conversation.channelAddressIdentifier(), Participant.endUser(conversation.endUserClientId()), entry);
	}

	/** The conversation's channel; null when the setup no longer has it (nothing to publish on). */
	private Channel channel(Conversation conversation) {
		return this.setup.channel(OrgIds.key(conversation.orgKey()), conversation.channelDeveloperName())
			.orElse(null);
	}

	private static ObjectNode entryPayload(String entryType) {
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.put("entryType", entryType);
		payload.put("id", UUID.randomUUID().toString());
		return payload;
	}

	private static ObjectNode participant(Participant participant) {
		ObjectNode node = JsonNodeFactory.instance.objectNode();
		node.put("appType", participant.appType());
		node.put("subject", participant.subject());
		node.put("role", participant.role());
		return node;
	}

	/** One entry of a ParticipantChanged event. */
	public record ParticipantChange(String operation, Participant participant, String displayName) {

		public static ParticipantChange add(Participant participant, String displayName) {
			return new ParticipantChange("add", participant, displayName);
		}

		public static ParticipantChange remove(Participant participant, String displayName) {
			return new ParticipantChange("remove", participant, displayName);
		}

	}

	/** What a RoutingResult event reports. */
	public record RoutingOutcome(String failureType, RoutingType routingType, List<String> errorMessages, String workItemId,
			PendingServiceRouting psr, String workOwnerId) {

		public static RoutingOutcome routed(AgentWork work, PendingServiceRouting psr) {
			return new RoutingOutcome("None", work.routingType(), List.of(), work.workItemId(), psr, work.userId());
		}

		public static RoutingOutcome declined(AgentWork work, PendingServiceRouting psr) {
			return new RoutingOutcome("RoutingError", work.routingType(),
					List.of("Agent " + work.userId() + " declined the work."), work.workItemId(), psr, work.userId());
		}

	}

}
