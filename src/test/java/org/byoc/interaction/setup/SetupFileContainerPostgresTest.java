package org.byoc.interaction.setup;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The setup behaviour on PostgreSQL in a container, where Docker exists (CI on GitHub); skipped without Docker,
 * where {@link SetupFilePostgresTest} covers the same on embedded PostgreSQL.
 */
@Testcontainers(disabledWithoutDocker = true)
class SetupFileContainerPostgresTest extends SetupFileTest {

	@Container
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17");

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", postgres::getJdbcUrl);
		registry.add("spring.datasource.username", postgres::getUsername);
		registry.add("spring.datasource.password", postgres::getPassword);
	}

}
