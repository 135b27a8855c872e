package org.byoc.interaction.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are "the database is away" (503) and which are ours (500). */
class DatabaseFailuresTest {

	@Test
	void whenNoConnectionCanBeHadThenTheDatabaseIsUnavailable() {
		SQLTransientConnectionException timeout = new SQLTransientConnectionException(
				"HikariPool-1 - Connection is not available, request timed out after 3000ms.");
		assertThat(DatabaseFailures.isUnavailable(new CannotGetJdbcConnectionException("no connection", timeout)))
			.isTrue();
		assertThat(DatabaseFailures.isUnavailable(new CannotCreateTransactionException("no connection", timeout)))
			.isTrue();
	}

	@Test
	void whenThePoolTimedOutWithoutAConnectionFailureThenItIsBusyAndWithOneItIsNot() {
		SQLTransientConnectionException busy = new SQLTransientConnectionException(
				"HikariPool-1 - Connection is not available, request timed out after 3000ms.");
		SQLTransientConnectionException down = new SQLTransientConnectionException(
				"HikariPool-1 - Connection is not available, request timed out after 3000ms.", "08001",
				new SQLException("Connection refused", "08001"));
		assertThat(DatabaseFailures.isPoolExhausted(new CannotGetJdbcConnectionException("no connection", busy)))
			.isTrue();
		assertThat(DatabaseFailures.isPoolExhausted(new CannotGetJdbcConnectionException("no connection", down)))
			.isFalse();
		assertThat(DatabaseFailures.isPoolExhausted(new SQLException("Connection refused", "08001"))).isFalse();
	}

	@Test
	void whenTheDriverReportsAConnectionExceptionDeepInsideThenTheDatabaseIsUnavailable() {
		SQLException io = new SQLException("An I/O error occurred while sending to the backend.", "08006");
		assertThat(DatabaseFailures.isUnavailable(new IllegalStateException("wrapped", new RuntimeException(io))))
			.isTrue();
	}

	@Test
	void whenThePoolRefusesARollbackOnAClosedConnectionThenTheDatabaseIsUnavailable() {
		assertThat(DatabaseFailures.isUnavailable(
				new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"))))
			.isTrue();
	}

	@Test
	void whenTheFailureIsInOurSqlOrDataThenItIsNotAnOutage() {
		assertThat(DatabaseFailures.isUnavailable(new DuplicateKeyException("duplicate"))).isFalse();
		assertThat(DatabaseFailures.isUnavailable(new DataIntegrityViolationException("too long",
				new SQLException("value too long", "22001")))).isFalse();
		assertThat(DatabaseFailures.isUnavailable(new BadSqlGrammarException("select", "select x",
				new SQLException("no column x", "42703")))).isFalse();
		assertThat(DatabaseFailures.isUnavailable(new TransactionSystemException("no JDBC cause"))).isFalse();
		assertThat(DatabaseFailures.isUnavailable(new TransactionSystemException("JDBC commit failed",
				new java.sql.SQLTransientException("Concurrent update in table", "90131")))).isFalse();
		assertThat(DatabaseFailures.isUnavailable(new NullPointerException())).isFalse();
	}

}
