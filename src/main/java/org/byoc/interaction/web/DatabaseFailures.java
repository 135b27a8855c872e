package org.byoc.interaction.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells "the database cannot be reached right now" (answered 503, the client retries) from a fault in our own
 * code or data (answered 500). Spring translates most connectivity failures into its own types; a failure at
 * commit or at a connection's first use may arrive as a driver exception wrapped in something else, so the cause
 * chain is searched as well, for the JDBC connection exception types and SQLSTATE class 08 (connection exception).
 * A JDBC commit or rollback refused without an SQLSTATE is one too: that is the pool saying "Connection is closed"
 * after the driver reported the session broken (a commit refused with an SQLSTATE, such as H2's concurrent update,
 * is judged by its state).
 */
final class DatabaseFailures {

	private static final int MAX_DEPTH = 16;

	private DatabaseFailures() {
	}

	/**
	 * The database is there but a call did not finish in time: a statement past its query timeout
	 * ({@code interactionservice.database.query-timeout}), or a lock wait past the database's lock timeout, as when
	 * another transaction holds the row. Answered 503 with 10094; nothing was committed.
	 */
	static boolean isTimeout(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			if (current instanceof QueryTimeoutException || current instanceof CannotAcquireLockException
					|| current instanceof SQLTimeoutException) {
				return true;
			}
			// PostgreSQL's "canceling statement due to statement timeout" / lock_timeout
			if (current instanceof SQLException sql && ("57014".equals(sql.getSQLState())
					|| "55P03".equals(sql.getSQLState()))) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
			current = current.getCause();
		}
		return false;
	}

	/**
	 * The database is there but every pooled connection stayed in use for the pool's whole wait: the service is
	 * busy. Hikari says so with an SQLTransientConnectionException that has no cause and no SQLSTATE; when the
	 * database itself cannot be reached, it carries the last connection failure as its cause instead.
	 */
	static boolean isPoolExhausted(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			if (current instanceof SQLTransientConnectionException sql) {
				return sql.getCause() == null && sql.getSQLState() == null;
			}
			if (current.getCause() == current) {
				break;
			}
			current = current.getCause();
		}
		return false;
	}

	static boolean isUnavailable(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			if (current instanceof DataAccessResourceFailureException
					|| current instanceof TransientDataAccessResourceException
					|| current instanceof CannotCreateTransactionException
					|| current instanceof SQLTransientConnectionException
					|| current instanceof SQLNonTransientConnectionException
					|| current instanceof SQLRecoverableException) {
				return true;
			}
			if (current instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
				return true;
			}
			if (current instanceof TransactionSystemException tx
					&& ((tx.getCause() instanceof SQLException sql && sql.getSQLState() == null)
							|| (tx.getApplicationException() != null && isUnavailable(tx.getApplicationException())))) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
			current = current.getCause();
		}
		return false;
	}

}
