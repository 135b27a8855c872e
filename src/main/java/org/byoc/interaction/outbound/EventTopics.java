package org.byoc.interaction.outbound;

import java.util.HashMap;
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
import org.byoc.interaction.setup.ConnectedApp;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.Org.AppUser;
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
		return publicationOf(channel).topic();
	}

	/**
	 * Where a channel's events go and the user they are created by, resolved once per setup snapshot of the org (an
	 * append looks up nothing else). A channel the current snapshot no longer has keeps its own fields and resolves
	 * its user on the spot.
	 */
	Publication publicationOf(Channel channel) {
		OutboundEventDefinition event = channel.outboundEvent();
		OrgTopics topics = this.setup.org(channel.orgId()).map(this::topicsOf).orElse(null);
		Topic topic = (topics != null) ? topics.byName().get(event.topicName()) : null;
		if (topic != null && topics.org().channel(channel.developerName()).orElse(null) == channel) {
			return new Publication(topic, topics.createdByIds().get(channel.developerName()));
		}
		if (topic == null) {
			Schema schema = EventSchemas.schemaFor(event.name(), List.copyOf(fieldsOf(event)));
			String orgKey = OrgIds.key(channel.orgId());
			topic = new Topic(channel.orgId(), orgKey, event.topicName(), event.name(), schema,
					this.schemas.register(orgKey, event.topicName(), schema));
		}
		Org org = this.setup.org(channel.orgId()).orElse(null);
		return new Publication(topic, (org != null) ? integrationUser(org, channel.connectedApp()) : null);
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
					new Topic(org.id(), org.key(), topicName, eventName, schema,
							this.schemas.register(org.key(), topicName, schema)));
		});
		Map<String, String> createdByIds = new HashMap<>();
		for (Channel channel : org.channels()) {
			String user = integrationUser(org, channel.connectedApp());
			if (user != null) {
				createdByIds.put(channel.developerName(), user);
			}
		}
		OrgTopics topics = new OrgTopics(org, Map.copyOf(byName), Map.copyOf(createdByIds));
		this.cache.put(org.key(), topics);
		return topics;
	}

	/** The id of the connected app's first pre-authorized user, whom the app's events are created by; or null. */
	private static String integrationUser(Org org, String consumerKey) {
		return org.connectedApps()
			.stream()
			.filter((app) -> app.consumerKey().equals(consumerKey))
			.findFirst()
			.map(ConnectedApp::preAuthorizedUsers)
			.filter((users) -> !users.isEmpty())
			.flatMap((users) -> org.userByUsername(users.get(0)))
			.map(AppUser::id)
			.orElse(null);
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

	/** @param createdById the integration user's id, or null for the service's default */
	record Publication(Topic topic, String createdById) {
	}

	/** @param createdByIds by channel developer name: its connected app's integration user, where it has one */
	private record OrgTopics(Org org, Map<String, Topic> byName, Map<String, String> createdByIds) {
	}

}
