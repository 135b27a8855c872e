package org.byoc.interaction.setup.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.cluster.ClusterSignals;

/**
 * Read-only maintenance of an org (the vendor's "org migration running, service read-only"): while it lasts the
 * partner API refuses the org's writes with 10019 and a Retry-After, and serves its reads. Operators start and end
 * it through the admin API; it is kept in the database, and each node reads it from there at start, after its own
 * changes and every refresh interval ({@code interactionservice.maintenance.refresh-interval}), so the check on
 * every request costs no query.
 */
@Service
public class OrgMaintenance {

	private static final Logger log = LoggerFactory.getLogger(OrgMaintenance.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private volatile Map<String, ReadOnly> readOnly = Map.of();

	private static final String SIGNAL = "maintenance";

	private final ClusterSignals signals;

	OrgMaintenance(JdbcClient jdbc, TransactionTemplate transactions, ClusterSignals signals) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = Clock.systemUTC();
		this.signals = signals;
		refresh();
		// another node started or ended a maintenance: read it now rather than at the next refresh
		signals.listen(SIGNAL, new ClusterSignals.Listener() {

			@Override
			public void signal(String message) {
				refreshIfReachable();
			}

			@Override
			public void missed() {
				refreshIfReachable();
			}

		});
	}

	/** The org's maintenance, when it is in one (org id of 15 or 18 characters). */
	public Optional<ReadOnly> readOnly(String orgId) {
		return Optional.ofNullable(this.readOnly.get(OrgIds.key(orgId)));
	}

	/** Puts the org into read-only maintenance, or changes the message and Retry-After of the running one. */
	public ReadOnly start(String orgId, String message, Duration retryAfter) {
		String orgKey = OrgIds.key(orgId);
		long seconds = Math.max(1, retryAfter.toSeconds());
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> {
			int updated = this.jdbc
				.sql("update org_maintenance set message = ?, retry_after_seconds = ? where org_key = ?")
				.params(message, seconds, orgKey)
				.update();
			if (updated == 0) {
				this.jdbc
					.sql("insert into org_maintenance (org_key, message, retry_after_seconds, started_at)"
							+ " values (?, ?, ?, ?)")
					.params(orgKey, message, seconds, now.toEpochMilli())
					.update();
			}
			this.signals.send(SIGNAL, orgKey);
		});
		refresh();
		log.info("Org {} is in read-only maintenance: {}", orgKey, message);
		return readOnly(orgKey).orElseThrow();
	}

	/** Ends the org's maintenance; false when there was none. */
	public boolean end(String orgId) {
		String orgKey = OrgIds.key(orgId);
		boolean ended = Boolean.TRUE.equals(this.transactions.execute((status) -> {
			boolean deleted = this.jdbc.sql("delete from org_maintenance where org_key = ?").param(orgKey).update() > 0;
			this.signals.send(SIGNAL, orgKey);
			return deleted;
		}));
		refresh();
		if (ended) {
			log.info("Org {}: read-only maintenance ended", orgKey);
		}
		return ended;
	}

	/** Picks up what other nodes sharing the database changed; an unreachable database keeps what was known. */
	@Scheduled(fixedDelayString = "${interactionservice.maintenance.refresh-interval:2s}")
	void refreshIfReachable() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			log.debug("Could not refresh the orgs in maintenance: {}", ex.toString());
		}
	}

	private void refresh() {
		Map<String, ReadOnly> current = new HashMap<>();
		this.jdbc.sql("select org_key, message, retry_after_seconds, started_at from org_maintenance")
			.query((rs) -> {
				current.put(rs.getString(1), new ReadOnly(rs.getString(1), rs.getString(2),
						Duration.ofSeconds(rs.getInt(3)), Instant.ofEpochMilli(rs.getLong(4))));
			});
		this.readOnly = Map.copyOf(current);
	}

	/** An org in maintenance: why (shown to partners), how long they should wait before retrying, since when. */
	public record ReadOnly(String orgKey, String message, Duration retryAfter, Instant since) {
	}

}
