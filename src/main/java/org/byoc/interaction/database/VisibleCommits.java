package org.byoc.interaction.database;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * The moment a transaction's changes become visible to other transactions, where that comes before they are
 * durable: with H2's group commit a commit is visible at once and in the database file one shared file write later
 * (see {@link GroupCommit}). Work that only needs the changes to be visible, and that makes its own commit durable
 * anyway, can start then instead of a file write later. The event sequencer is such work: it numbers committed
 * events, and its own commit waits for a file write that starts after it, which holds the events' rows too, so no
 * subscriber hears of an event before both are on disk; waking it only after the writer's own file write made every
 * event wait for two file writes in a row, and its latency moved with both.
 * <p>
 * Where commits are durable when they return (PostgreSQL, H2 without group commit) nothing is registered: callers
 * keep their after-commit path.
 */
public final class VisibleCommits {

	private static final ThreadLocal<List<Runnable>> PENDING = new ThreadLocal<>();

	private VisibleCommits() {
	}

	/**
	 * Runs {@code action} on this thread right after its transaction on {@code dataSource} committed and made the
	 * changes visible, before the commit waits to be durable; nothing if the transaction rolls back. Returns false,
	 * and registers nothing, where a commit of {@code dataSource} is durable when it becomes visible.
	 */
	public static boolean whenVisible(DataSource dataSource, Runnable action) {
		if (!separatesVisibleFromDurable(dataSource)) {
			return false;
		}
		List<Runnable> pending = PENDING.get();
		if (pending == null) {
			pending = new ArrayList<>(2);
			PENDING.set(pending);
		}
		pending.add(action);
		return true;
	}

	/** Whether commits on {@code dataSource} are visible before they are durable (H2 with group commit). */
	public static boolean separatesVisibleFromDurable(DataSource dataSource) {
		if (dataSource instanceof DurableCommitDataSource) {
			return true;
		}
		try {
			return dataSource.isWrapperFor(DurableCommitDataSource.class);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/** The connection committed on this thread: run what waited for it. */
	static void committed() {
		List<Runnable> pending = PENDING.get();
		if (pending == null) {
			return;
		}
		PENDING.remove();
		for (Runnable action : pending) {
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				// a wake-up that fails must not fail the commit; the caller's after-commit path still runs
			}
		}
	}

	/** The connection rolled back on this thread: nothing became visible. */
	static void rolledBack() {
		PENDING.remove();
	}

}
