package org.byoc.interaction.conversation;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.support.EmbeddedPostgres;

/** The retry and concurrency guarantees again, on a real PostgreSQL (insert ... on conflict, row locks). */
class InteractionRetriesPostgresTest extends InteractionRetriesTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgres.registerNewDatabase(registry);
	}

}
