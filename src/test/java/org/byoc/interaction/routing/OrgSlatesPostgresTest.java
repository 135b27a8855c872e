package org.byoc.interaction.routing;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.support.EmbeddedPostgres;

/** Reset, snapshots and restore again on a real PostgreSQL, compared row by row. */
class OrgSlatesPostgresTest extends OrgSlatesTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgres.registerNewDatabase(registry);
	}

}
