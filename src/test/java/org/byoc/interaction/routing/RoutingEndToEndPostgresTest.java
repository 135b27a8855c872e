package org.byoc.interaction.routing;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.support.EmbeddedPostgres;

/** The whole routed conversation again on a real PostgreSQL, events read through gRPC. */
class RoutingEndToEndPostgresTest extends RoutingEndToEndTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgres.registerNewDatabase(registry);
	}

}
