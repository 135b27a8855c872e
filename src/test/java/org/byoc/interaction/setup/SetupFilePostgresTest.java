package org.byoc.interaction.setup;

import java.sql.Connection;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.support.EmbeddedPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** The same setup behaviour, with the migrations and the repository on a real PostgreSQL. */
class SetupFilePostgresTest extends SetupFileTest {

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
