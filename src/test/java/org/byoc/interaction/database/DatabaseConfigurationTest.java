package org.byoc.interaction.database;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Group commit applies to H2 databases that keep files, unless turned off; never to PostgreSQL or memory. */
class DatabaseConfigurationTest {

	@ParameterizedTest
	@CsvSource({ "jdbc:h2:file:./data/db/interactionservice;MODE=PostgreSQL, true, true",
			"jdbc:h2:tcp://localhost/~/test, true, true", "jdbc:h2:file:./data/db/x, false, false",
			"jdbc:h2:mem:test, true, false", "jdbc:postgresql://localhost:5432/x, true, false" })
	void whenTheDatabaseUrlIsGivenThenGroupCommitAppliesOnlyToH2Files(String url, boolean enabled, boolean applies) {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", url)
			.withProperty(DatabaseConfiguration.ENABLED, String.valueOf(enabled));

		assertThat(DatabaseConfiguration.appliesTo(environment)).isEqualTo(applies);
	}

}
