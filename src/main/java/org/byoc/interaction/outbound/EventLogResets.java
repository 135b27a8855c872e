package org.byoc.interaction.outbound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import org.byoc.interaction.outbound.EventLogRepository.State;

/**
 * Clean slates of one org's part of the event log (issue 17, §4). A reset deletes the org's events and records the
 * replay id the log stood at ({@code org_log_reset}): a subscriber's replay id at or below it belongs to the org's
 * log before the reset and is refused, and open subscriptions of the org are ended with an explicit error (on this
 * node when the reset commits, on the others within {@code interactionservice.events.reset-poll-interval}). Other
 * orgs' events, the sequencer's numbering and the retention watermark are untouched: replay ids are global and
 * only ever handed out once, so removing one org's rows leaves every other reader's position valid.
 * <p>
 * Restoring puts events back with their original replay ids and event ids (each id was this org's and nobody else's;
 * an event the retention would have removed since is left out), so a restored org reads exactly as it did.
 */
@Component
public class EventLogResets {

	private static final Logger log = LoggerFactory.getLogger(EventLogResets.class);

	private final JdbcClient jdbc;

	private final EventLogRepository repository;

	private final EventSequencer sequencer;

	private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

	/** The generation of each org's last reset this node told its listeners about. */
	private final Map<String, Long> seen = new HashMap<>();

	private boolean polled;

	EventLogResets(JdbcClient jdbc, EventLogRepository repository, EventSequencer sequencer) {
		this.jdbc = jdbc;
		this.repository = repository;
		this.sequencer = sequencer;
	}

	/**
	 * Deletes the org's events (sequenced or not) in the caller's transaction and records the reset; answers the
	 * replay id the org's old log ends at. Holds the sequencer's lock until the transaction ends, so no event of the
	 * org gets a replay id at or below it afterwards.
	 */
	public long reset(String orgKey) {
		State state = this.repository.lockState();
		this.jdbc.sql("delete from outbound_event where org_key = ?").param(orgKey).update();
		long generation = this.jdbc.sql("select generation from org_log_reset where org_key = ?")
			.param(orgKey)
			.query(Long.class)
			.optional()
			.orElse(0L) + 1;
		long now = System.currentTimeMillis();
		if (generation == 1) {
			this.jdbc.sql("insert into org_log_reset (org_key, reset_through, generation, reset_at) values (?, ?, ?, ?)")
				.params(orgKey, state.lastReplayId(), generation, now)
				.update();
		}
		else {
			this.jdbc.sql("update org_log_reset set reset_through = ?, generation = ?, reset_at = ? where org_key = ?")
				.params(state.lastReplayId(), generation, now, orgKey)
				.update();
		}
		afterCommit(() -> {
			synchronized (this.seen) {
				this.seen.merge(orgKey, generation, Math::max);
			}
			tell(orgKey);
		});
		return state.lastReplayId();
	}

	/** The replay id the org's log was last reset at; 0 when it never was. */
	public long resetThrough(String orgKey) {
		return this.jdbc.sql("select reset_through from org_log_reset where org_key = ?")
			.param(orgKey)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	/** When the org's log was last reset (epoch ms, wall clock), 0 when it never was. */
	public long lastResetAt(String orgKey) {
		return this.jdbc.sql("select reset_at from org_log_reset where org_key = ?")
			.param(orgKey)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	/** The org's events as stored, in replay-id order (not yet sequenced ones last), for a snapshot. */
	public List<StoredEvent> events(String orgKey) {
		return this.jdbc
			.sql("select event_id, topic, schema_id, payload, created_at, replay_id from outbound_event"
					+ " where org_key = ? order by case when replay_id is null then 1 else 0 end, replay_id, seq")
			.param(orgKey)
			.query((rs, n) -> {
				long replayId = rs.getLong(6);
				return new StoredEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
						rs.getLong(5), rs.wasNull() ? null : replayId);
			})
			.list();
	}

	/**
	 * Puts a snapshot's events back in the caller's transaction, after {@link #reset}: with their replay ids, except
	 * those the retention has removed since (left out, as they would be gone anyway) and those that had none yet
	 * (appended, so the sequencer numbers them). Answers how many were put back.
	 */
	public int restore(String orgKey, List<StoredEvent> events) {
		long expiredThrough = this.repository.state().expiredThrough();
		List<StoredEvent> unsequenced = new ArrayList<>();
		int restored = 0;
		for (StoredEvent event : events) {
			if (event.replayId() == null) {
				unsequenced.add(event);
				continue;
			}
			if (event.replayId() <= expiredThrough) {
				continue;
			}
			this.jdbc
				.sql("insert into outbound_event (event_id, org_key, topic, schema_id, payload, created_at, replay_id)"
						+ " values (?, ?, ?, ?, ?, ?, ?)")
				.params(event.eventId(), orgKey, event.topic(), event.schemaId(), event.payload(), event.createdAt(),
						event.replayId())
				.update();
			restored++;
		}
		for (StoredEvent event : unsequenced) {
			this.repository.insert(event.eventId(), orgKey, event.topic(), event.schemaId(), event.payload(),
					event.createdAt(), null);
			restored++;
		}
		if (!unsequenced.isEmpty()) {
			this.sequencer.wakeAfterCommit();
		}
		return restored;
	}

	/** Called with the org key whenever an org's log was reset (here or on another node). */
	public void listen(Consumer<String> listener) {
		this.listeners.add(listener);
	}

	/** Notices resets on other nodes. The first poll only learns where things stand. */
	@Scheduled(fixedDelayString = "${interactionservice.events.reset-poll-interval:1s}")
	void poll() {
		List<Object[]> rows;
		try {
			rows = this.jdbc.sql("select org_key, generation from org_log_reset")
				.query((rs, n) -> new Object[] { rs.getString(1), rs.getLong(2) })
				.list();
		}
		catch (RuntimeException ex) {
			log.debug("Reset poll could not read the database: {}", ex.toString());
			return;
		}
		List<String> changed = new ArrayList<>();
		synchronized (this.seen) {
			for (Object[] row : rows) {
				String orgKey = (String) row[0];
				long generation = (Long) row[1];
				Long known = this.seen.put(orgKey, Math.max(generation, this.seen.getOrDefault(orgKey, 0L)));
				if (this.polled && (known == null || known < generation)) {
					changed.add(orgKey);
				}
			}
			this.polled = true;
		}
		changed.forEach(this::tell);
	}

	private void tell(String orgKey) {
		for (Consumer<String> listener : this.listeners) {
			try {
				listener.accept(orgKey);
			}
			catch (RuntimeException ex) {
				log.warn("Reset listener failed: {}", ex.toString());
			}
		}
	}

	private static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				action.run();
			}

		});
	}

	/** One event of the org as the log stores it; {@code replayId} null when it was not sequenced yet. */
	public record StoredEvent(String eventId, String topic, String schemaId, byte[] payload, long createdAt,
			@Nullable Long replayId) {
	}

}
