package org.byoc.interaction.agent.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.outbound.EventLog;
import org.byoc.interaction.outbound.EventLog.LoggedEvent;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.Channel.OutboundEventDefinition;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * The outbound events a partner received, as a subscriber decodes them (Avro, with the schema each event names),
 * grouped by conversation. Each topic is read once from the earliest retained event and then only from where it
 * stopped, so showing one conversation's events never re-reads the log. Memory is bounded: the most recently
 * touched {@value #MAX_CONVERSATIONS} conversations per topic, the latest {@value #MAX_EVENTS} events each.
 */
@Component
class OutboundEventFeed {

	static final int MAX_CONVERSATIONS = 2_000;

	static final int MAX_EVENTS = 500;

	private static final int BATCH = 500;

	private static final Logger log = LoggerFactory.getLogger(OutboundEventFeed.class);

	private final EventLog eventLog;

	private final SetupDirectory setup;

	private final JsonMapper json;

	private final Map<String, TopicFeed> topics = new ConcurrentHashMap<>();

	private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

	OutboundEventFeed(EventLog eventLog, SetupDirectory setup, JsonMapper json) {
		this.eventLog = eventLog;
		this.setup = setup;
		this.json = json;
	}

	/** The events the partner received about this conversation (on its channel's topic), in replay order. */
	List<DecodedEvent> eventsOf(Conversation conversation) {
		Optional<Channel> channel = this.setup.channel(conversation.orgKey(), conversation.channelDeveloperName());
		if (channel.isEmpty() || channel.get().outboundEvent() == null) {
			return List.of();
		}
		TopicFeed feed = feed(conversation.orgKey(), channel.get().outboundEvent().topicName());
		synchronized (feed) {
			catchUp(feed);
			return feed.of(conversation);
		}
	}

	/** Reads what is new on the topic; answers the keys (conversation identifiers) of the events read. */
	Set<String> catchUp(String orgKey, String topicName) {
		TopicFeed feed = feed(orgKey, topicName);
		synchronized (feed) {
			return catchUp(feed);
		}
	}

	private TopicFeed feed(String orgKey, String topicName) {
		return this.topics.computeIfAbsent(EventLog.topicKey(orgKey, topicName),
				(key) -> new TopicFeed(orgKey, topicName));
	}

	private Set<String> catchUp(TopicFeed feed) {
		Set<String> touched = new LinkedHashSet<>();
		if (feed.position < 0) {
			feed.position = this.eventLog.earliestPosition();
		}
		long tip = this.eventLog.tip();
		Fields fields = fieldsOf(feed.orgKey, feed.topicName);
		while (feed.position < tip) {
			List<LoggedEvent> batch = this.eventLog.read(feed.orgKey, feed.topicName, feed.position, tip, BATCH);
			for (LoggedEvent event : batch) {
				DecodedEvent decoded = decode(event, fields);
				feed.add(decoded);
				if (decoded.conversationIdentifier() != null) {
					touched.add(decoded.conversationIdentifier());
				}
			}
			feed.position = (batch.size() < BATCH) ? tip : batch.get(batch.size() - 1).replayId();
		}
		return touched;
	}

	private DecodedEvent decode(LoggedEvent event, Fields fields) {
		Map<String, String> values = new LinkedHashMap<>();
		try {
			Schema schema = this.schemas.computeIfAbsent(event.schemaId(),
					(id) -> this.eventLog.schemaJson(id).map((text) -> new Schema.Parser().parse(text)).orElse(null));
			if (schema == null) {
				return DecodedEvent.undecodable(event, "unknown schema id " + event.schemaId());
			}
			GenericRecord record = new GenericDatumReader<GenericRecord>(schema).read(null,
					DecoderFactory.get().binaryDecoder(event.payload(), null));
			for (Schema.Field field : schema.getFields()) {
				Object value = record.get(field.name());
				values.put(field.name(), (value != null) ? value.toString() : null);
			}
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Cannot decode event {}: {}", event.eventId(), ex.toString());
			return DecodedEvent.undecodable(event, ex.getMessage());
		}
		String eventType = first(values, fields.eventType());
		JsonNode payload = parse(first(values, fields.payload()));
		String address = first(values, fields.address());
		JsonNode recipient = parse(first(values, fields.recipient()));
		String conversationIdentifier = null;
		JsonNode entry = null;
		if (payload != null) {
			if (payload.hasNonNull("conversationIdentifier")) {
				// current structure, Interaction: the InteractionEvent envelope around the entry
				conversationIdentifier = payload.get("conversationIdentifier").asString();
				entry = payload.get("payload");
			}
			else if (payload.path("payload").hasNonNull("conversationIdentifier")) {
				// current structure, RoutingRequested
				conversationIdentifier = payload.path("payload").get("conversationIdentifier").asString();
			}
			else if (payload.has("entryType")) {
				// legacy structure: the payload field is the entry itself
				entry = payload;
			}
			if (payload.has("recipient")) {
				recipient = payload.get("recipient");
			}
			if (address == null && payload.hasNonNull("channelAddressIdentifier")) {
				address = payload.get("channelAddressIdentifier").asString();
			}
		}
		String entryType = (entry != null) ? entry.path("entryType").asString(null) : null;
		String recipientSubject = (recipient != null) ? recipient.path("subject").asString(null) : null;
		Long created = parseLong(values.get("CreatedDate"));
		return new DecodedEvent(event.replayId(), event.eventId(), event.schemaId(), eventType, entryType,
				conversationIdentifier, address, recipientSubject, (created != null) ? created : 0L,
				pretty(values), null);
	}

	private Fields fieldsOf(String orgKey, String topicName) {
		Set<String> eventType = new LinkedHashSet<>();
		Set<String> payload = new LinkedHashSet<>();
		Set<String> address = new LinkedHashSet<>();
		Set<String> recipient = new LinkedHashSet<>();
		for (Channel channel : this.setup.org(orgKey).map(Org::channels).orElse(List.of())) {
			OutboundEventDefinition event = channel.outboundEvent();
			if (event != null && event.topicName().equals(topicName)) {
				addIfSet(eventType, event.eventTypeField());
				addIfSet(payload, event.payloadField());
				addIfSet(address, event.channelAddressIdField());
				addIfSet(recipient, event.recipientField());
			}
		}
		return new Fields(eventType, payload, address, recipient);
	}

	private static void addIfSet(Set<String> names, String name) {
		if (name != null && !name.isBlank()) {
			names.add(name);
		}
	}

	private static String first(Map<String, String> values, Set<String> names) {
		for (String name : names) {
			if (values.get(name) != null) {
				return values.get(name);
			}
		}
		return null;
	}

	private JsonNode parse(String text) {
		if (text == null || !text.startsWith("{")) {
			return null;
		}
		try {
			return this.json.readTree(text);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** The decoded fields as JSON, with JSON-valued fields embedded as objects so a person can read them. */
	private String pretty(Map<String, String> values) {
		Map<String, Object> shown = new LinkedHashMap<>();
		values.forEach((name, value) -> {
			JsonNode node = parse(value);
			shown.put(name, (node != null) ? node : value);
		});
		return this.json.writerWithDefaultPrettyPrinter().writeValueAsString(shown);
	}

	private static Long parseLong(String value) {
		try {
			return (value != null) ? Long.valueOf(value) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** The custom field names the org's channels give this topic's event. */
	private record Fields(Set<String> eventType, Set<String> payload, Set<String> address, Set<String> recipient) {
	}

	/**
	 * One outbound event as the partner decodes it: event and entry type (null when the event has none), the
	 * conversation it is about (null for the legacy structure, which names only address and recipient) and all
	 * its fields as readable JSON.
	 */
	record DecodedEvent(long replayId, String eventId, String schemaId, String eventType, String entryType,
			String conversationIdentifier, String channelAddressIdentifier, String recipientSubject, long createdDate,
			String fieldsJson, String problem) {

		static DecodedEvent undecodable(LoggedEvent event, String problem) {
			return new DecodedEvent(event.replayId(), event.eventId(), event.schemaId(), null, null, null, null, null,
					0L, null, problem);
		}

		/** Where the feed files it: the conversation, or for legacy events its (address, recipient) pair. */
		String key() {
			if (this.conversationIdentifier != null) {
				return this.conversationIdentifier;
			}
			if (this.channelAddressIdentifier != null && this.recipientSubject != null) {
				return addressKey(this.channelAddressIdentifier, this.recipientSubject);
			}
			return null;
		}

		static String addressKey(String address, String endUserClientId) {
			return "address:" + address + "\n" + endUserClientId;
		}

	}

	/** One topic's decoded events by key, the least recently touched keys dropped first. Callers lock it. */
	private static final class TopicFeed {

		final String orgKey;

		final String topicName;

		long position = -1;

		final LinkedHashMap<String, List<DecodedEvent>> byKey = new LinkedHashMap<>(64, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, List<DecodedEvent>> eldest) {
				return size() > MAX_CONVERSATIONS;
			}

		};

		TopicFeed(String orgKey, String topicName) {
			this.orgKey = orgKey;
			this.topicName = topicName;
		}

		void add(DecodedEvent event) {
			String key = event.key();
			if (key == null) {
				return;
			}
			List<DecodedEvent> events = this.byKey.computeIfAbsent(key, (k) -> new ArrayList<>());
			events.add(event);
			if (events.size() > MAX_EVENTS) {
				events.remove(0);
			}
		}

		List<DecodedEvent> of(Conversation conversation) {
			List<DecodedEvent> found = new ArrayList<>(
					this.byKey.getOrDefault(conversation.conversationIdentifier(), List.of()));
			found.addAll(this.byKey.getOrDefault(DecodedEvent.addressKey(conversation.channelAddressIdentifier(),
					conversation.endUserClientId()), List.of()));
			found.sort(Comparator.comparingLong(DecodedEvent::replayId));
			return found;
		}

	}

}
