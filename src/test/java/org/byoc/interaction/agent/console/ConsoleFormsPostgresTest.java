package org.byoc.interaction.agent.console;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.support.EmbeddedPostgres;

/** The console's forms and its conversation list again on a real PostgreSQL (the list's query in particular). */
class ConsoleFormsPostgresTest extends ConsoleFormsTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgres.registerNewDatabase(registry);
	}

}
