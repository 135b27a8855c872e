package org.byoc.interaction.setup;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores each org's setup whole (canonical JSON) plus the consumer keys that must stay unique across orgs. */
@Repository
class SetupRepository {

	private final JdbcClient jdbc;

	SetupRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<StoredOrg> findAll() {
		return this.jdbc.sql("select org_key, document, content_hash from setup_org order by org_key")
			.query((rs, i) -> new StoredOrg(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	Optional<String> hashOf(String orgKey) {
		return this.jdbc.sql("select content_hash from setup_org where org_key = ?")
			.param(orgKey)
			.query(String.class)
			.optional();
	}

	/** Must run inside a transaction: the org row and its consumer keys change together. */
	void save(String orgKey, String orgId, String document, String hash, List<String> consumerKeys) {
		Timestamp now = Timestamp.from(Instant.now());
		int updated = this.jdbc
			.sql("update setup_org set org_id = ?, document = ?, content_hash = ?, revision = revision + 1, "
					+ "updated_at = ? where org_key = ?")
			.params(orgId, document, hash, now, orgKey)
			.update();
		if (updated == 0) {
			this.jdbc
				.sql("insert into setup_org (org_key, org_id, document, content_hash, revision, updated_at) "
						+ "values (?, ?, ?, ?, 1, ?)")
				.params(orgKey, orgId, document, hash, now)
				.update();
		}
		this.jdbc.sql("delete from setup_connected_app where org_key = ?").param(orgKey).update();
		for (String consumerKey : consumerKeys) {
			try {
				this.jdbc.sql("insert into setup_connected_app (consumer_key, org_key) values (?, ?)")
					.params(consumerKey, orgKey)
					.update();
			}
			catch (DuplicateKeyException ex) {
				throw new SetupValidationException("setup", "connectedApps",
						"consumer key " + consumerKey + " already belongs to another org");
			}
		}
	}

	/** Changes whenever any org is created or updated; lets every node notice another node's apply. */
	long revision() {
		return this.jdbc.sql("select coalesce(sum(revision), 0) from setup_org").query(Long.class).single();
	}

	record StoredOrg(String orgKey, String document, String hash) {
	}

}
