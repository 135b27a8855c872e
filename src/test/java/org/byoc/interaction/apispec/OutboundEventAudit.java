package org.byoc.interaction.apispec;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import org.byoc.interaction.outbound.ConversationEntry;
import org.byoc.interaction.outbound.EventLog;
import org.byoc.interaction.outbound.EventLogResets;
import org.byoc.interaction.outbound.OutboundEvents;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.Channel.OutboundEventDefinition;
import org.byoc.interaction.setup.OrgIds;

/**
 * Test-only: every event the service emits through its {@link OutboundEvents} port is remembered and, once its
 * transaction committed and it got its replay id, read back from the {@link EventLog} exactly as subscribers get it
 * (Avro datum and schema) and checked against the AsyncAPI spec. Events partners publish themselves through Pub/Sub
 * are not the service's and are not checked. One audit per application context; the
 * {@link SpecConformanceExtension} checks all of them after each test.
 */
final class OutboundEventAudit implements ApplicationListener<ContextClosedEvent> {

	private static final Set<OutboundEventAudit> live = new CopyOnWriteArraySet<>();

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static OutboundEventContract contract;

	private final ObjectProvider<EventLog> log;

	private final Map<String, Emitted> pending = new ConcurrentHashMap<>();

	private final Map<String, Long> readThrough = new HashMap<>();

	private final ObjectProvider<EventLogResets> resets;

	OutboundEventAudit(ObjectProvider<EventLog> log, ObjectProvider<EventLogResets> resets) {
		this.log = log;
		this.resets = resets;
		live.add(this);
	}

	static void checkAll() {
		for (OutboundEventAudit audit : live) {
			audit.check();
		}
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		check();
		live.remove(this);
	}

	/** Wraps the service's port so each event it appends is remembered, and forgotten if its transaction rolls back. */
	OutboundEvents recording(OutboundEvents delegate) {
		return new OutboundEvents() {

			@Override
			public PublishedEvent publishInteraction(Channel channel, String conversationIdentifier,
					String channelAddressIdentifier, Participant recipient, ConversationEntry entry) {
				return remember(channel, delegate.publishInteraction(channel, conversationIdentifier,
						channelAddressIdentifier, recipient, entry));
			}

			@Override
			public PublishedEvent publishRoutingRequested(Channel channel, String channelAddressIdentifier,
					Participant recipient, String routingPayloadJson) {
				return remember(channel, delegate.publishRoutingRequested(channel, channelAddressIdentifier,
						recipient, routingPayloadJson));
			}

		};
	}

	private OutboundEvents.PublishedEvent remember(Channel channel, OutboundEvents.PublishedEvent published) {
		if (published.eventId() == null) {
			return published;
		}
		String eventId = published.eventId();
		this.pending.put(eventId,
				new Emitted(eventId, OrgIds.key(channel.orgId()), published.topicName(), channel.outboundEvent(),
						System.currentTimeMillis()));
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					if (status != STATUS_COMMITTED) {
						OutboundEventAudit.this.pending.remove(eventId);
					}
				}
			});
		}
		return published;
	}

	/** Reads every remembered event back from the log and checks it; waits a little for ones not yet sequenced. */
	synchronized void check() {
		if (this.pending.isEmpty()) {
			return;
		}
		EventLog eventLog = this.log.getIfAvailable();
		if (eventLog == null) {
			return;
		}
		List<String> violations = new ArrayList<>();
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!this.pending.isEmpty()) {
			long tip = eventLog.tip();
			Map<String, Emitted> byTopic = new HashMap<>();
			this.pending.values().forEach((e) -> byTopic.putIfAbsent(EventLog.topicKey(e.orgKey(), e.topicName()), e));
			for (Map.Entry<String, Emitted> topic : byTopic.entrySet()) {
				long after = this.readThrough.getOrDefault(topic.getKey(), 0L);
				while (after < tip) {
					List<EventLog.LoggedEvent> events = eventLog.read(topic.getValue().orgKey(),
							topic.getValue().topicName(), after, tip, 500);
					for (EventLog.LoggedEvent event : events) {
						Emitted emitted = this.pending.remove(event.eventId());
						if (emitted != null) {
							violations.addAll(validate(eventLog, event, emitted.definition()));
						}
					}
					after = (events.size() < 500) ? tip : events.get(events.size() - 1).replayId();
				}
				this.readThrough.put(topic.getKey(), tip);
			}
			forgetResetOrgsEvents();
			if (this.pending.isEmpty()) {
				break;
			}
			if (System.nanoTime() > deadline) {
				// events removed by retention before anyone read them cannot be checked, and are no drift
				if (eventLog.earliestPosition() == 0) {
					this.pending.keySet().forEach((id) -> violations.add("event " + id
							+ " was emitted but never became readable in the event log within " + WAIT.toSeconds()
							+ " s"));
				}
				this.pending.clear();
				break;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		SpecViolations.add(violations);
	}

	/** An org's reset (admin API) deletes its events: those emitted before it cannot be read back, and are no drift. */
	private void forgetResetOrgsEvents() {
		EventLogResets resetLog = this.resets.getIfAvailable();
		if (resetLog == null) {
			return;
		}
		Map<String, Long> resetAt = new HashMap<>();
		this.pending.values().removeIf((e) -> e.emittedAt() <= resetAt.computeIfAbsent(e.orgKey(),
				resetLog::lastResetAt));
	}

	private static List<String> validate(EventLog eventLog, EventLog.LoggedEvent event,
			OutboundEventDefinition definition) {
		String schemaJson = eventLog.schemaJson(event.schemaId()).orElse(null);
		if (schemaJson == null) {
			return List.of("event " + event.eventId() + ": its schema id " + event.schemaId() + " does not resolve");
		}
		Schema schema = new Schema.Parser().parse(schemaJson);
		GenericRecord record;
		try {
			record = new GenericDatumReader<GenericRecord>(schema)
				.read(null, DecoderFactory.get().binaryDecoder(event.payload(), null));
		}
		catch (IOException | RuntimeException ex) {
			return List.of("event " + event.eventId() + ": its payload is not an Avro datum of its schema: " + ex);
		}
		return contract().validate(event.eventId(), record, definition);
	}

	private static synchronized OutboundEventContract contract() {
		if (contract == null) {
			contract = OutboundEventContract.load();
		}
		return contract;
	}

	private record Emitted(String eventId, String orgKey, String topicName, OutboundEventDefinition definition,
			long emittedAt) {
	}

}
