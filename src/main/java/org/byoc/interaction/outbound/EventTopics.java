package org.byoc.interaction.outbound;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.Channel.OutboundEventDefinition;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * The platform-event topics of each org, derived from its channels' outbound event definitions. Channels naming
 * the same event share one topic whose schema has the union of their fields (in the vendor's order: event type,
 * payload, channel address, recipient). Recomputed whenever the org's setup snapshot changes.
 */
@Component
class EventTopics {

	private final SetupDirectory setup;

	private final EventSchemas schemas;

	private final Map<String, OrgTopics> cache = new ConcurrentHashMap<>();

	EventTopics(SetupDirectory setup, EventSchemas schemas) {
		this.setup = setup;
		this.schemas = schemas;
	}

	/**
	 * Stores every org's topic schemas once the service is up, before partners send anything: otherwise the first
	 * event of a topic stores its schema from inside the request's transaction in a transaction of its own, i.e. on
	 * a second pooled connection, and a burst of requests that holds every connection (say, ten copies of one entry
	 * waiting on each other's row lock) would leave it none until the pool's timeout.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void registerSchemas() {
		for (Org org : this.setup.orgs()) {
			topicsOf(org);
		}
	}

	Optional<Topic> topic(String orgId, String topicName) {
		if (topicName == null) {
			return Optional.empty();
		}
		return this.setup.org(orgId).map(this::topicsOf).map((topics) -> topics.byName().get(topicName));
	}

	/** The topic a channel publishes on; falls back to the channel's own fields if the setup moved on. */
	Topic topicOf(Channel channel) {
		OutboundEventDefinition event = channel.outboundEvent();
		return topic(channel.orgId(), event.topicName()).orElseGet(() -> {
			Schema schema = EventSchemas.schemaFor(event.name(), List.copyOf(fieldsOf(event)));
			return new Topic(channel.orgId(), OrgIds.key(channel.orgId()), event.topicName(), event.name(), schema,
					this.schemas.register(schema));
		});
	}

	private OrgTopics topicsOf(Org org) {
		OrgTopics cached = this.cache.get(org.key());
		if (cached != null && cached.org() == org) {
			return cached;
		}
		Map<String, Set<String>> fieldsByEvent = new LinkedHashMap<>();
		for (Channel channel : org.channels()) {
			if (channel.outboundEvent() != null) {
				fieldsByEvent.computeIfAbsent(channel.outboundEvent().name(), (name) -> new LinkedHashSet<>())
					.addAll(fieldsOf(channel.outboundEvent()));
			}
		}
		Map<String, Topic> byName = new LinkedHashMap<>();
		fieldsByEvent.forEach((eventName, fields) -> {
			Schema schema = EventSchemas.schemaFor(eventName, List.copyOf(fields));
			String topicName = "/event/" + eventName;
			byName.put(topicName,
					new Topic(org.id(), org.key(), topicName, eventName, schema, this.schemas.register(schema)));
		});
		OrgTopics topics = new OrgTopics(org, Map.copyOf(byName));
		this.cache.put(org.key(), topics);
		return topics;
	}

	private static Set<String> fieldsOf(OutboundEventDefinition event) {
		Set<String> fields = new LinkedHashSet<>();
		for (String field : new String[] { event.eventTypeField(), event.payloadField(), event.channelAddressIdField(),
				event.recipientField() }) {
			if (field != null && !field.isBlank()) {
				fields.add(field);
			}
		}
		return fields;
	}

	record Topic(String orgId, String orgKey, String topicName, String eventName, Schema schema, String schemaId) {
	}

	private record OrgTopics(Org org, Map<String, Topic> byName) {
	}

}
