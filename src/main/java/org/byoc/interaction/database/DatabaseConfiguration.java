package org.byoc.interaction.database;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On the embedded H2 database (any H2 URL but an in-memory one), the application's DataSource becomes a
 * {@link DurableCommitDataSource}: nothing is answered before its writes are in the database file, and concurrent
 * transactions share the file writes. PostgreSQL is durable at commit by itself and is left as it is.
 * {@code interactionservice.database.group-commit=false} turns it off (then put {@code WRITE_DELAY=0} in the H2 URL,
 * or a killed process may lose up to half a second of acknowledged writes).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	static final String ENABLED = "interactionservice.database.group-commit";

	static final String QUERY_TIMEOUT = "interactionservice.database.query-timeout";

	@Bean
	static BeanPostProcessor durableH2Commits(Environment environment) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof DataSource dataSource && !(bean instanceof DurableCommitDataSource)
						&& appliesTo(environment)) {
					return new DurableCommitDataSource(dataSource, new GroupCommit());
				}
				return bean;
			}
		};
	}

	/**
	 * Every statement the service runs through Spring's JDBC templates gets {@code
	 * interactionservice.database.query-timeout} (default 30 s, 0 for none): a statement that waits longer, on a
	 * row another transaction holds for instance, is cancelled and its request answered 503 with code 10094 rather
	 * than hanging. {@code spring.jdbc.template.query-timeout}, when set, wins.
	 * <p>
	 * On H2 the timeout is the session's, set once when the pool opens a connection ({@code SET QUERY_TIMEOUT}),
	 * not per statement: H2 runs every {@code Statement.setQueryTimeout} as a {@code SET} command, and any
	 * {@code SET} invalidates every session's cached statements and plans, so each statement of every request was
	 * parsed and planned again (a third of an interaction's CPU in the profile, bench/results/profile.md). The
	 * effect is the same: H2 keeps the session's timeout for all its statements, as it did after the first
	 * per-statement call.
	 */
	@Bean
	static BeanPostProcessor queryTimeout(Environment environment) {
		Duration timeout = environment.getProperty(QUERY_TIMEOUT, Duration.class, Duration.ofSeconds(30));
		if (timeout.isNegative()) {
			throw new IllegalArgumentException(QUERY_TIMEOUT + " must not be negative, was " + timeout);
		}
		return new BeanPostProcessor() {

			/** Whether the pool's H2 sessions carry the timeout themselves. */
			private boolean sessionTimeout;

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
						&& pool.getJdbcUrl().startsWith("jdbc:h2:") && pool.getConnectionInitSql() == null
						&& !timeout.isZero()) {
					pool.setConnectionInitSql("SET QUERY_TIMEOUT " + Math.max(1, timeout.toMillis()));
					this.sessionTimeout = true;
				}
				return bean;
			}

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof JdbcTemplate template && template.getQueryTimeout() <= 0 && !timeout.isZero()
						&& !this.sessionTimeout) {
					// JDBC counts whole seconds; anything shorter than one is one
					template.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
				}
				return bean;
			}
		};
	}

	static boolean appliesTo(Environment environment) {
		String url = environment.getProperty("spring.datasource.url", "");
		return environment.getProperty(ENABLED, Boolean.class, true) && url.startsWith("jdbc:h2:")
				&& !url.startsWith("jdbc:h2:mem:");
	}

}
