package org.byoc.interaction.routing.presence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Agents' presence rows: one per (org, user) once the agent's status was first set. */
@Repository
class PresenceRepository {

	private final JdbcClient jdbc;

	PresenceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Row> find(String orgKey, String userId) {
		return this.jdbc
			.sql("select user_id, status_id, changed_at, last_routed_at from agent_presence "
					+ "where org_key = ? and user_id = ?")
			.params(orgKey, userId)
			.query(PresenceRepository::row)
			.optional();
	}

	List<Row> findAll(String orgKey) {
		return this.jdbc
			.sql("select user_id, status_id, changed_at, last_routed_at from agent_presence where org_key = ?")
			.param(orgKey)
			.query(PresenceRepository::row)
			.list();
	}

	/**
	 * Sets the status if it is still {@code expected} (compare and set); false when another change came first. The
	 * first change of an agent inserts the row (a concurrent first insert makes this one a lost race).
	 */
	boolean changeStatus(String orgKey, String userId, Optional<Row> expected, String statusId, Instant at) {
		if (expected.isEmpty()) {
			return this.jdbc
				.sql("insert into agent_presence (org_key, user_id, status_id, changed_at) values (?, ?, ?, ?) "
						+ "on conflict do nothing")
				.params(orgKey, userId, statusId, Timestamp.from(at))
				.update() == 1;
		}
		String before = expected.get().statusId();
		String condition = (before != null) ? "status_id = ?" : "status_id is null";
		var statement = this.jdbc.sql("update agent_presence set status_id = ?, changed_at = ? where org_key = ? "
				+ "and user_id = ? and " + condition)
			.param(statusId)
			.param(Timestamp.from(at))
			.param(orgKey)
			.param(userId);
		if (before != null) {
			statement = statement.param(before);
		}
		return statement.update() == 1;
	}

	void noteRouted(String orgKey, String userId, Instant at) {
		this.jdbc.sql("update agent_presence set last_routed_at = ? where org_key = ? and user_id = ?")
			.params(Timestamp.from(at), orgKey, userId)
			.update();
	}

	private static Row row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
		Timestamp routed = rs.getTimestamp(4);
		return new Row(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
				(routed != null) ? routed.toInstant() : null);
	}

	record Row(String userId, String statusId, Instant changedAt, Instant lastRoutedAt) {
	}

}
