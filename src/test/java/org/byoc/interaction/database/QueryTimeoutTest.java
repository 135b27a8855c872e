package org.byoc.interaction.database;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.support.ConfigurableConversionService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query timeout reaches H2 as the session's, set once per pooled connection: H2 turns every per-statement
 * {@code setQueryTimeout} into a {@code SET} command that throws away every session's parsed statements. Other
 * databases keep the per-statement timeout.
 */
class QueryTimeoutTest {

	@Test
	void whenTheDatabaseIsH2ThenEachConnectionCarriesTheTimeoutAndStatementsDoNotSetIt() {
		MockEnvironment environment = environment("3s");
		BeanPostProcessor processor = DatabaseConfiguration.queryTimeout(environment);
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setJdbcUrl("jdbc:h2:mem:query-timeout-test;DB_CLOSE_DELAY=-1");
			processor.postProcessBeforeInitialization(pool, "dataSource");
			JdbcTemplate template = (JdbcTemplate) processor.postProcessAfterInitialization(new JdbcTemplate(pool),
					"jdbcTemplate");

			assertThat(template.getQueryTimeout()).isNotPositive();
			String sessionTimeout = template.queryForObject(
					"select setting_value from information_schema.settings where setting_name = 'QUERY_TIMEOUT'",
					String.class);
			assertThat(sessionTimeout).isEqualTo("3000");
		}
	}

	@Test
	void whenTheDatabaseIsNotH2ThenEveryStatementGetsTheTimeout() {
		MockEnvironment environment = environment("1500ms");
		BeanPostProcessor processor = DatabaseConfiguration.queryTimeout(environment);
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/never-opened");
		processor.postProcessBeforeInitialization(pool, "dataSource");
		JdbcTemplate template = (JdbcTemplate) processor.postProcessAfterInitialization(new JdbcTemplate(pool),
				"jdbcTemplate");

		assertThat(pool.getConnectionInitSql()).isNull();
		assertThat(template.getQueryTimeout()).isEqualTo(2);
	}

	private static MockEnvironment environment(String timeout) {
		MockEnvironment environment = new MockEnvironment().withProperty(DatabaseConfiguration.QUERY_TIMEOUT, timeout);
		environment.setConversionService((ConfigurableConversionService) ApplicationConversionService.getSharedInstance());
		return environment;
	}

}
