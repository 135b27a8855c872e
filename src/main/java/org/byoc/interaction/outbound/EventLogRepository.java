package org.byoc.interaction.outbound;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.byoc.interaction.outbound.EventLog.LoggedEvent;

/** SQL of the event log. Every method joins the caller's (Spring-managed) transaction. */
@Repository
class EventLogRepository {

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	EventLogRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** The same statements on another data source (the sequencer's own connection), with the same query timeout. */
	EventLogRepository on(DataSource dataSource) {
		JdbcTemplate copy = new JdbcTemplate(dataSource);
		copy.setQueryTimeout(this.template.getQueryTimeout());
		return new EventLogRepository(JdbcClient.create(copy), copy);
	}

	/** @param visibleAfter when the sequencer may number it (epoch ms), or null for at once */
	void insert(String eventId, String orgKey, String topic, String schemaId, byte[] payload, long createdAt,
			@Nullable Long visibleAfter) {
		if (visibleAfter == null) {
			this.jdbc
				.sql("insert into outbound_event (event_id, org_key, topic, schema_id, payload, created_at)"
						+ " values (?, ?, ?, ?, ?, ?)")
				.params(eventId, orgKey, topic, schemaId, payload, createdAt)
				.update();
			return;
		}
		this.jdbc
			.sql("insert into outbound_event (event_id, org_key, topic, schema_id, payload, created_at, visible_after)"
					+ " values (?, ?, ?, ?, ?, ?, ?)")
			.params(eventId, orgKey, topic, schemaId, payload, createdAt, visibleAfter)
			.update();
	}

	List<LoggedEvent> read(String orgKey, String topic, long after, long through, int limit) {
		// Ordered by the whole index (org_key and topic are fixed here, so the order is the replay id's): H2 then
		// reads the index in order and stops at the limit, where "order by replay_id" alone makes it read and sort
		// every event up to the tip for each batch, which turns a catch-up from EARLIEST quadratic.
		return this.jdbc
			.sql("select event_id, schema_id, payload, replay_id, created_at from outbound_event"
					+ " where org_key = ? and topic = ? and replay_id > ? and replay_id <= ?"
					+ " order by org_key, topic, replay_id limit ?")
			.params(orgKey, topic, after, through, limit)
			.query((rs, n) -> new LoggedEvent(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getLong(4),
					rs.getLong(5)))
			.list();
	}

	State state() {
		return this.jdbc.sql("select last_replay_id, expired_through from outbound_log_state where id = 1")
			.query((rs, n) -> new State(rs.getLong(1), rs.getLong(2)))
			.single();
	}

	/** Locks the state row: whoever holds it is the only one handing out replay ids right now. */
	State lockState() {
		return this.jdbc.sql("select last_replay_id, expired_through from outbound_log_state where id = 1 for update")
			.query((rs, n) -> new State(rs.getLong(1), rs.getLong(2)))
			.single();
	}

	/**
	 * Committed rows still waiting for a replay id, in the order they were appended; a row the test kit delays
	 * ({@code visible_after}) only once that time has come.
	 */
	List<Unsequenced> unsequenced(int limit, long now) {
		return this.jdbc
			.sql("select seq, org_key, topic from outbound_event where replay_id is null"
					+ " and (visible_after is null or visible_after <= ?) order by seq limit ?")
			.params(now, limit)
			.query((rs, n) -> new Unsequenced(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	void assign(List<Unsequenced> rows, long firstReplayId) {
		List<Object[]> args = new ArrayList<>(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			args.add(new Object[] { firstReplayId + i, rows.get(i).seq() });
		}
		this.template.batchUpdate("update outbound_event set replay_id = ? where seq = ?", args);
	}

	void setLastReplayId(long lastReplayId) {
		this.jdbc.sql("update outbound_log_state set last_replay_id = ? where id = 1").param(lastReplayId).update();
	}

	/** The oldest retained events' replay ids and creation times, for the retention sweep. */
	List<long[]> oldest(long after, int limit) {
		return this.jdbc
			.sql("select replay_id, created_at from outbound_event where replay_id > ? order by replay_id limit ?")
			.params(after, limit)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list();
	}

	void expireThrough(long after, long through) {
		this.jdbc.sql("delete from outbound_event where replay_id > ? and replay_id <= ?")
			.params(after, through)
			.update();
		this.jdbc.sql("update outbound_log_state set expired_through = ? where id = 1").param(through).update();
	}

	/** Replay ids of these events; an event not yet sequenced maps to null. */
	Map<String, Long> replayIds(Collection<String> eventIds) {
		Map<String, Long> result = new HashMap<>();
		if (eventIds.isEmpty()) {
			return result;
		}
		this.jdbc.sql("select event_id, replay_id from outbound_event where event_id in (:ids)")
			.param("ids", eventIds)
			.query((rs) -> {
				String eventId = rs.getString(1);
				long replayId = rs.getLong(2);
				result.put(eventId, rs.wasNull() ? null : replayId);
			});
		return result;
	}

	record State(long lastReplayId, long expiredThrough) {
	}

	record Unsequenced(long seq, String orgKey, String topic) {
	}

}
