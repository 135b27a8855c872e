package org.byoc.interaction.routing;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.support.EmbeddedPostgres;

/** The queue moves under concurrency again on a real PostgreSQL (row locks, on conflict, read committed). */
class QueueConcurrencyPostgresTest extends QueueConcurrencyTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgres.registerNewDatabase(registry);
	}

}
