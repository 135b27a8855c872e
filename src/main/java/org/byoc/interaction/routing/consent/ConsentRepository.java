package org.byoc.interaction.routing.consent;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Consent changes the contact center makes (keywords, agents), each a compare-and-set on the end user's row: only
 * the request that actually moves the status between opted out and opted in reports a change, so a retried or
 * concurrent STOP never reports twice. On PostgreSQL a concurrent update waits and then finds nothing to change; on
 * H2 the second commit is refused and the caller's retry finds nothing to change.
 */
@Repository
class ConsentRepository {

	static final String OPTED_OUT = "OptedOut";

	/** What an opt-in the end user or an agent asked for is stored as. */
	static final String OPTED_IN = "ExplicitlyOptedIn";

	private final JdbcClient jdbc;

	ConsentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Opts the end user out; false when they already were. */
	boolean optOut(String orgKey, String addressIdentifier, String endUserClientId) {
		Timestamp now = Timestamp.from(Instant.now());
		int updated = this.jdbc
			.sql("update consent set consent_status = ?, updated_at = ? where org_key = ? "
					+ "and channel_address_identifier = ? and end_user_client_id = ? and consent_status <> ?")
			.params(OPTED_OUT, now, orgKey, addressIdentifier, endUserClientId, OPTED_OUT)
			.update();
		if (updated == 1) {
			return true;
		}
		// no row (never set: implicitly opted in) or already opted out; only a new row is a change
		return this.jdbc
			.sql("insert into consent (org_key, channel_address_identifier, end_user_client_id, consent_status, "
					+ "updated_at) values (?, ?, ?, ?, ?) on conflict do nothing")
			.params(orgKey, addressIdentifier, endUserClientId, OPTED_OUT, now)
			.update() == 1;
	}

	/** Opts an opted-out end user back in; false when they were not opted out (nothing to change). */
	boolean optIn(String orgKey, String addressIdentifier, String endUserClientId) {
		return this.jdbc
			.sql("update consent set consent_status = ?, updated_at = ? where org_key = ? "
					+ "and channel_address_identifier = ? and end_user_client_id = ? and consent_status = ?")
			.params(OPTED_IN, Timestamp.from(Instant.now()), orgKey, addressIdentifier, endUserClientId, OPTED_OUT)
			.update() == 1;
	}

}
