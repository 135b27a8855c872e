package org.byoc.interaction.outbound;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.outbound.EventTopics.Topic;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.Channel.OutboundEventDefinition;
import org.byoc.interaction.setup.Channel.OutboundEventDefinition.Structure;
import org.byoc.interaction.setup.OrgIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Builds a channel's outbound event in its structure (contract §D.2) and appends it to the event log in the
 * caller's transaction. {@code CreatedById} is the org's integration user (the first pre-authorized user of the
 * channel's connected app, the user the partner's middleware logs in as), or
 * {@code interactionservice.events.default-created-by-id} when that user is not in the setup.
 */
@Component
class DatabaseOutboundEvents implements OutboundEvents {

	private final DatabaseEventLog log;

	private final EventTopics topics;

	private final OutboundEventProperties properties;

	private final EventPayloads payloads = new EventPayloads(JsonMapper.builder().build());

	private final MeterRegistry meters;

	/** By org, topic and event type: building and registering a meter on every append costs more than counting. */
	private final Map<List<String>, Counter> appendedCounters = new ConcurrentHashMap<>();

	DatabaseOutboundEvents(DatabaseEventLog log, EventTopics topics,
			OutboundEventProperties properties, MeterRegistry meters) {
		this.meters = meters;
		this.log = log;
		this.topics = topics;
		this.properties = properties;
	}

	@Override
	public PublishedEvent publishInteraction(Channel channel, String conversationIdentifier,
			String channelAddressIdentifier, Participant recipient, ConversationEntry entry) {
		OutboundEventDefinition event = channel.outboundEvent();
		if (event == null) {
			return PublishedEvent.NONE;
		}
		Map<String, String> fields = new LinkedHashMap<>();
		if (event.structure() == Structure.legacy) {
			fields.put(event.channelAddressIdField(), channelAddressIdentifier);
			fields.put(event.payloadField(), this.payloads.conversationEntry(entry));
			fields.put(event.recipientField(), this.payloads.participant(recipient));
		}
		else {
			fields.put(event.payloadField(), this.payloads.interactionEvent(conversationIdentifier,
					channelAddressIdentifier, recipient, entry));
			fields.put(event.eventTypeField(), EventPayloads.INTERACTION);
		}
		return append(channel, fields, EventPayloads.INTERACTION);
	}

	/** The legacy structure predates RoutingRequested (it has no event-type field), so it publishes nothing. */
	@Override
	public PublishedEvent publishRoutingRequested(Channel channel, String channelAddressIdentifier,
			Participant recipient, String routingPayloadJson) {
		OutboundEventDefinition event = channel.outboundEvent();
		if (event == null || event.structure() == Structure.legacy) {
			return PublishedEvent.NONE;
		}
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put(event.payloadField(),
				this.payloads.routingRequested(channelAddressIdentifier, recipient, routingPayloadJson));
		fields.put(event.eventTypeField(), EventPayloads.ROUTING_REQUESTED);
		return append(channel, fields, EventPayloads.ROUTING_REQUESTED);
	}

	private PublishedEvent append(Channel channel, Map<String, String> fields, String eventType) {
		EventTopics.Publication publication = this.topics.publicationOf(channel);
		Topic topic = publication.topic();
		String createdById = (publication.createdById() != null) ? publication.createdById()
				: this.properties.defaultCreatedById();
		String eventId = this.log.append(topic, fields, createdById, System.currentTimeMillis());
		String org = OrgIds.key(channel.orgId());
		Counter appended = this.appendedCounters.computeIfAbsent(List.of(org, topic.topicName(), eventType),
				(key) -> Counter.builder("interactionservice.events.appended")
					.description("Outbound events appended to the event log (counted once their transaction commits)")
					.tag("org", org)
					.tag("topic", topic.topicName())
					.tag("eventType", eventType)
					.register(this.meters));
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					appended.increment();
				}
			});
		}
		else {
			appended.increment();
		}
		return new PublishedEvent(eventId, topic.topicName());
	}

}
