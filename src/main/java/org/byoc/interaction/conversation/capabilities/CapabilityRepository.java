package org.byoc.interaction.conversation.capabilities;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Registered capabilities, one row per channel or bot integration; a registration replaces the row. */
@Repository
public class CapabilityRepository {

	private final JdbcClient jdbc;

	CapabilityRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Replaces the capabilities of one integration. Update first, then insert; an insert that lost a race to a
	 * concurrent first registration becomes an update, so the later registration wins either way.
	 */
	void replace(String orgKey, String integrationType, String developerName, String capabilitiesJson) {
		Timestamp now = Timestamp.from(Instant.now());
		if (update(orgKey, integrationType, developerName, capabilitiesJson, now)) {
			return;
		}
		int inserted = this.jdbc
			.sql("insert into registered_capabilities (org_key, integration_type, developer_name, capabilities, "
					+ "registered_at) values (?, ?, ?, ?, ?) on conflict do nothing")
			.params(orgKey, integrationType, developerName, capabilitiesJson, now)
			.update();
		if (inserted == 0) {
			update(orgKey, integrationType, developerName, capabilitiesJson, now);
		}
	}

	public Optional<String> find(String orgKey, String integrationType, String developerName) {
		return this.jdbc
			.sql("select capabilities from registered_capabilities where org_key = ? and integration_type = ? "
					+ "and developer_name = ?")
			.params(orgKey, integrationType, developerName)
			.query(String.class)
			.optional();
	}

	private boolean update(String orgKey, String integrationType, String developerName, String capabilitiesJson,
			Timestamp now) {
		return this.jdbc
			.sql("update registered_capabilities set capabilities = ?, registered_at = ? where org_key = ? "
					+ "and integration_type = ? and developer_name = ?")
			.params(capabilitiesJson, now, orgKey, integrationType, developerName)
			.update() == 1;
	}

}
