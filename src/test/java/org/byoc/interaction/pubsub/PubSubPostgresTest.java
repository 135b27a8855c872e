package org.byoc.interaction.pubsub;

import java.sql.Connection;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.support.EmbeddedPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Subscribe behaviour again, with the event log and its sequencer lock on a real PostgreSQL. */
class PubSubPostgresTest extends PubSubSubscribeTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgres.registerNewDatabase(registry);
	}

	@Autowired
	DataSource dataSource;

	@Test
	void whenRunningThenTheDatabaseIsPostgres() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
		}
	}

}
