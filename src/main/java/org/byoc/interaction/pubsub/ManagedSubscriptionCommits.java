package org.byoc.interaction.pubsub;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where each managed subscription stands: the replay id its client last committed, kept in the database so that
 * any node, and the service after a restart, resumes the subscription after it.
 */
@Repository
class ManagedSubscriptionCommits {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	ManagedSubscriptionCommits(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	Optional<Commit> committed(String orgKey, String subscriptionId) {
		return this.jdbc
			.sql("select replay_id, committed_at from managed_subscription_commit"
					+ " where org_key = ? and subscription_id = ?")
			.params(orgKey, subscriptionId)
			.query((rs, n) -> new Commit(rs.getLong(1), rs.getLong(2)))
			.optional();
	}

	/** Every commit of the org's subscriptions, by subscription id. */
	Map<String, Commit> committed(String orgKey) {
		Map<String, Commit> commits = new HashMap<>();
		this.jdbc
			.sql("select subscription_id, replay_id, committed_at from managed_subscription_commit where org_key = ?")
			.param(orgKey)
			.query((rs) -> {
				commits.put(rs.getString(1), new Commit(rs.getLong(2), rs.getLong(3)));
			});
		return commits;
	}

	/** Stores the commit (the last one wins, also when it goes back: a client may rewind on purpose). */
	Commit commit(String orgKey, String subscriptionId, long replayId, long committedAt) {
		try {
			store(orgKey, subscriptionId, replayId, committedAt);
		}
		catch (DuplicateKeyException ex) {
			// another stream's first commit of the same subscription won the insert; this one updates it
			store(orgKey, subscriptionId, replayId, committedAt);
		}
		return new Commit(replayId, committedAt);
	}

	private void store(String orgKey, String subscriptionId, long replayId, long committedAt) {
		this.transactions.executeWithoutResult((status) -> {
			int updated = this.jdbc
				.sql("update managed_subscription_commit set replay_id = ?, committed_at = ?"
						+ " where org_key = ? and subscription_id = ?")
				.params(replayId, committedAt, orgKey, subscriptionId)
				.update();
			if (updated == 0) {
				this.jdbc
					.sql("insert into managed_subscription_commit (org_key, subscription_id, replay_id, committed_at)"
							+ " values (?, ?, ?, ?)")
					.params(orgKey, subscriptionId, replayId, committedAt)
					.update();
			}
		});
	}

	void forget(String orgKey, String subscriptionId) {
		this.jdbc.sql("delete from managed_subscription_commit where org_key = ? and subscription_id = ?")
			.params(orgKey, subscriptionId)
			.update();
	}

	record Commit(long replayId, long committedAt) {
	}

}
