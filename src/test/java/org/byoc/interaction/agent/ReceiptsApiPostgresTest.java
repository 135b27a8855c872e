package org.byoc.interaction.agent;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.support.EmbeddedPostgres;

/** The agent side's receipts again on a real PostgreSQL: one per entry and type under retries and racing reads. */
class ReceiptsApiPostgresTest extends ReceiptsApiTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgres.registerNewDatabase(registry);
	}

}
