package org.byoc.interaction.routing;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.support.EmbeddedPostgres;

/** The agentWork and route checks again on a real PostgreSQL (V6's unique keys, on conflict, concurrency). */
class AgentWorkApiPostgresTest extends AgentWorkApiTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgres.registerNewDatabase(registry);
	}

}
