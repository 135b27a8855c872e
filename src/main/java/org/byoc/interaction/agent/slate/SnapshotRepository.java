package org.byoc.interaction.agent.slate;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of {@code org_snapshot}: snapshots live in the database, so every node sees them. */
@Repository
class SnapshotRepository {

	private final JdbcClient jdbc;

	SnapshotRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores the snapshot, replacing one of the same name. */
	void save(String orgKey, String name, long createdAt, String content) {
		this.jdbc.sql("delete from org_snapshot where org_key = ? and name = ?").params(orgKey, name).update();
		this.jdbc.sql("insert into org_snapshot (org_key, name, created_at, content) values (?, ?, ?, ?)")
			.params(orgKey, name, createdAt, content)
			.update();
	}

	Optional<String> content(String orgKey, String name) {
		return this.jdbc.sql("select content from org_snapshot where org_key = ? and name = ?")
			.params(orgKey, name)
			.query(String.class)
			.optional();
	}

	List<Listed> list(String orgKey) {
		return this.jdbc
			.sql("select name, created_at, length(content) from org_snapshot where org_key = ? order by created_at, name")
			.param(orgKey)
			.query((rs, n) -> new Listed(rs.getString(1), rs.getLong(2), rs.getLong(3)))
			.list();
	}

	boolean delete(String orgKey, String name) {
		return this.jdbc.sql("delete from org_snapshot where org_key = ? and name = ?").params(orgKey, name).update() > 0;
	}

	record Listed(String name, long createdAt, long size) {
	}

}
