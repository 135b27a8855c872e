package org.byoc.interaction.conversation;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.support.EmbeddedPostgres;

/** The bot hand-off again on a real PostgreSQL (participants' active key, the transcript's entry time, history sessions). */
class BotHandOffEndToEndPostgresTest extends BotHandOffEndToEndTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgres.registerNewDatabase(registry);
	}

}
