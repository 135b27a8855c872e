package org.byoc.interaction.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for the embedded H2 database: a committed transaction is written to the database file before the
 * caller goes on, but by one write for every transaction that committed meanwhile instead of one write each (what
 * H2's {@code WRITE_DELAY=0} does, at about half the throughput). The first caller to arrive while no write runs
 * leads: it runs {@code CHECKPOINT} (H2 writes every change it holds in memory to the file) on its own connection;
 * callers arriving meanwhile wait for the next write, which is led by one of them and covers them all.
 * <p>
 * A write that starts after a commit contains it; the write in progress when a commit arrives may not, so each caller
 * waits for a write that started after it came.
 */
final class GroupCommit {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition written = this.lock.newCondition();

	/** Writes started, written successfully, and the last one that failed (with why). */
	private long started;

	private long succeeded;

	private long failed;

	private SQLException failure;

	private boolean writing;

	/** Returns once everything this connection committed is in the database file; throws when the write failed. */
	void awaitWritten(Connection connection) throws SQLException {
		this.lock.lock();
		try {
			long needed = this.started + 1;
			while (this.succeeded < needed) {
				if (this.failed >= needed) {
					throw new SQLException("The database could not write the committed changes to its file: "
							+ this.failure.getMessage(), "08006", this.failure);
				}
				if (this.writing) {
					this.written.awaitUninterruptibly();
					continue;
				}
				lead(connection);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Called with the lock held; releases it while writing. */
	private void lead(Connection connection) {
		this.writing = true;
		long generation = ++this.started;
		SQLException outcome = null;
		this.lock.unlock();
		try {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CHECKPOINT");
			}
		}
		catch (SQLException ex) {
			outcome = ex;
		}
		catch (RuntimeException ex) {
			outcome = new SQLException("The database file write failed.", "08006", ex);
		}
		finally {
			this.lock.lock();
			this.writing = false;
			if (outcome == null) {
				this.succeeded = generation;
			}
			else {
				this.failed = generation;
				this.failure = outcome;
			}
			this.written.signalAll();
		}
	}

	/** How many file writes were started: the tests' view of the grouping. */
	long writes() {
		this.lock.lock();
		try {
			return this.started;
		}
		finally {
			this.lock.unlock();
		}
	}

}
