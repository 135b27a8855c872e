package org.byoc.interaction.conversation;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.support.EmbeddedPostgres;

/** Acknowledgements again on a real PostgreSQL (receipts kept by their created entry id, latest per entry). */
class AcknowledgementApiPostgresTest extends AcknowledgementApiTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgres.registerNewDatabase(registry);
	}

}
