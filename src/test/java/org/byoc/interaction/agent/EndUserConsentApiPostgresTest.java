package org.byoc.interaction.agent;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.support.EmbeddedPostgres;

/** Consent changes again on a real PostgreSQL: one change reported once under retries and racing requests. */
class EndUserConsentApiPostgresTest extends EndUserConsentApiTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgres.registerNewDatabase(registry);
	}

}
