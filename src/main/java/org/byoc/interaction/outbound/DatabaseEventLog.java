package org.byoc.interaction.outbound;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.contract.ContractFindings;
import org.byoc.interaction.outbound.EventTopics.Topic;
/** The event log on the service database (table {@code outbound_event}), sequenced by {@link EventSequencer}. */
@Component
class DatabaseEventLog implements EventLog {

	private final EventTopics topics;

	private final EventSchemas schemas;

	private final EventLogRepository repository;

	private final EventSequencer sequencer;

	private final TransactionTemplate transactions;

	private final OutboundEventProperties properties;

	private final Object sequenced = new Object();

	private final EventLogResets resets;

	DatabaseEventLog(EventTopics topics, EventSchemas schemas, EventLogRepository repository, EventSequencer sequencer,
			TransactionTemplate transactions, OutboundEventProperties properties, EventLogResets resets) {
		this.resets = resets;
		this.topics = topics;
		this.schemas = schemas;
		this.repository = repository;
		this.sequencer = sequencer;
		this.transactions = transactions;
		this.properties = properties;
		sequencer.addListener((changed) -> {
			synchronized (this.sequenced) {
				this.sequenced.notifyAll();
			}
		});
	}

	/** Appends one event in the caller's transaction; the sequencer is woken when that transaction commits. */
	String append(Topic topic, Map<String, String> customFields, String createdById, long createdDate) {
		GenericRecord record = new GenericData.Record(topic.schema());
		record.put(EventSchemas.CREATED_DATE, createdDate);
		record.put(EventSchemas.CREATED_BY_ID, createdById);
		customFields.forEach((field, value) -> {
			if (field != null && topic.schema().getField(field) != null) {
				record.put(field, value);
			}
		});
		String eventId = UUID.randomUUID().toString();
		// the test kit's delayEvents fault: stored now, numbered (and seen by subscribers) only after the delay
		long delay = ContractFindings.eventDelayMillis();
		this.repository.insert(eventId, topic.orgKey(), topic.topicName(), topic.schemaId(),
				AvroPayloads.encode(record), createdDate, (delay > 0) ? System.currentTimeMillis() + delay : null);
		this.sequencer.wakeAfterCommit();
		return eventId;
	}

	@Override
	public Optional<EventTopic> topic(String orgId, String topicName) {
		return this.topics.topic(orgId, topicName)
			.map((t) -> new EventTopic(t.orgId(), t.orgKey(), t.topicName(), t.schemaId(), t.schema().toString()));
	}

	@Override
	public Optional<String> schemaJson(String schemaId) {
		return this.schemas.find(schemaId).map(Schema::toString);
	}

	@Override
	public boolean carriedSchema(String orgKey, String topicName, String schemaId) {
		return this.schemas.usedBy(orgKey, topicName, schemaId);
	}

	@Override
	public long tip() {
		return this.sequencer.tip();
	}

	@Override
	public ReplayIdStatus check(long replayId) {
		if (replayId < 0) {
			return ReplayIdStatus.UNKNOWN;
		}
		if (replayId > this.sequencer.tip() || replayId < this.sequencer.expiredThrough()) {
			this.sequencer.refresh();
		}
		if (replayId > this.sequencer.tip()) {
			return ReplayIdStatus.UNKNOWN;
		}
		return (replayId < this.sequencer.expiredThrough()) ? ReplayIdStatus.EXPIRED : ReplayIdStatus.VALID;
	}

	@Override
	public long resetThrough(String orgKey) {
		return this.resets.resetThrough(orgKey);
	}

	@Override
	public long earliestPosition() {
		return this.sequencer.expiredThrough();
	}

	@Override
	public List<LoggedEvent> read(String orgKey, String topicName, long afterReplayId, long throughReplayId,
			int limit) {
		if (throughReplayId <= afterReplayId || limit <= 0) {
			return List.of();
		}
		return this.repository.read(orgKey, topicName, afterReplayId, throughReplayId, limit);
	}

	@Override
	public Registration listen(Listener listener) {
		this.sequencer.addListener(listener);
		return () -> this.sequencer.removeListener(listener);
	}

	@Override
	public List<PublishOutcome> publish(String orgId, String topicName, String publisherUserId,
			List<IncomingEvent> events, Duration timeout) {
		Optional<Topic> found = this.topics.topic(orgId, topicName);
		if (found.isEmpty()) {
			return events.stream()
				.map((e) -> new PublishOutcome(e.correlationKey(), null, null, "Unknown topic " + topicName))
				.toList();
		}
		Topic topic = found.get();
		String createdById = (publisherUserId != null) ? publisherUserId : this.properties.defaultCreatedById();
		List<PublishOutcome> outcomes = new ArrayList<>(events.size());
		List<Prepared> valid = new ArrayList<>();
		for (IncomingEvent event : events) {
			try {
				Prepared prepared = prepare(topic, event, createdById);
				valid.add(prepared);
				outcomes.add(new PublishOutcome(event.correlationKey(), prepared.eventId(), null, null));
			}
			catch (IllegalArgumentException ex) {
				outcomes.add(new PublishOutcome(event.correlationKey(), null, null, ex.getMessage()));
			}
		}
		if (valid.isEmpty()) {
			return outcomes;
		}
		this.transactions.executeWithoutResult((status) -> {
			for (Prepared p : valid) {
				this.repository.insert(p.eventId(), topic.orgKey(), topic.topicName(), p.schemaId(), p.payload(),
						p.createdDate(), null);
			}
			this.sequencer.wakeAfterCommit();
		});
		Map<String, Long> replayIds = awaitReplayIds(valid.stream().map(Prepared::eventId).toList(), timeout);
		return outcomes.stream().map((o) -> {
			if (!o.succeeded()) {
				return o;
			}
			Long replayId = replayIds.get(o.eventId());
			return (replayId != null) ? new PublishOutcome(o.correlationKey(), o.eventId(), replayId, null)
					: new PublishOutcome(o.correlationKey(), o.eventId(), null,
							"Stored, but not yet sequenced within " + timeout.toMillis() + " ms");
		}).toList();
	}

	private Prepared prepare(Topic topic, IncomingEvent event, String createdById) {
		Schema schema = this.schemas.find(event.schemaId())
			.orElseThrow(() -> new IllegalArgumentException("Unknown schema id " + event.schemaId()));
		if (!schema.getFullName().equals(topic.schema().getFullName())) {
			throw new IllegalArgumentException(
					"Schema " + event.schemaId() + " is not a schema of topic " + topic.topicName());
		}
		GenericRecord record;
		try {
			record = AvroPayloads.decode(schema, event.payload());
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException(
					"The payload cannot be decoded with schema " + event.schemaId() + ": " + ex.getMessage());
		}
		// like the vendor: the platform, not the publisher, says when and by whom an event was created
		long createdDate = System.currentTimeMillis();
		record.put(EventSchemas.CREATED_DATE, createdDate);
		record.put(EventSchemas.CREATED_BY_ID, createdById);
		byte[] payload;
		try {
			payload = AvroPayloads.encode(record);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("The event cannot be written with its schema: " + ex.getMessage());
		}
		return new Prepared(UUID.randomUUID().toString(), event.schemaId(), payload, createdDate);
	}

	private Map<String, Long> awaitReplayIds(List<String> eventIds, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Map<String, Long> replayIds = this.repository.replayIds(eventIds);
			boolean all = eventIds.stream().allMatch((id) -> replayIds.get(id) != null);
			long left = deadline - System.nanoTime();
			if (all || left <= 0) {
				return replayIds;
			}
			synchronized (this.sequenced) {
				try {
					this.sequenced.wait(Math.max(1, Math.min(20, left / 1_000_000)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return replayIds;
				}
			}
		}
	}

	private record Prepared(String eventId, String schemaId, byte[] payload, long createdDate) {
	}

}
