package org.byoc.interaction.conversation;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.springframework.dao.ConcurrencyFailureException;

/**
 * Runs a recording transaction again when the database refused it for a concurrent one. A partner's retries of one
 * entry can arrive together: PostgreSQL makes the second insert wait and then do nothing, but H2 lets both insert
 * and refuses the second commit ("concurrent update", 90131); deadlocks and serialization failures (SQLSTATE 40xxx)
 * are the same kind of refusal. Run again, the transaction finds the entry the winner committed, so every copy of
 * the request gets the same answer.
 */
public final class ConcurrentWrites {

	static final int ATTEMPTS = 3;

	private static final int MAX_DEPTH = 16;

	private ConcurrentWrites() {
	}

	public static <T> T retrying(Supplier<T> transaction) {
		for (int attempt = 1;; attempt++) {
			try {
				return transaction.get();
			}
			catch (RuntimeException ex) {
				if (attempt >= ATTEMPTS || !isConflict(ex)) {
					throw ex;
				}
				pause(attempt);
			}
		}
	}

	static boolean isConflict(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			if (current instanceof ConcurrencyFailureException || current instanceof SQLTransactionRollbackException) {
				return true;
			}
			if (current instanceof SQLTransientException && !(current instanceof SQLTransientConnectionException)
					&& !(current instanceof java.sql.SQLTimeoutException)) {
				return true;
			}
			if (current instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
			current = current.getCause();
		}
		return false;
	}

	/** A few milliseconds, growing and jittered, so the copies do not collide again in step. */
	private static void pause(int attempt) {
		try {
			Thread.sleep(ThreadLocalRandom.current().nextLong(2L * attempt, 10L * attempt));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
