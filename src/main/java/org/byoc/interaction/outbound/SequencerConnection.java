package org.byoc.interaction.outbound;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sequencer's own database connection, taken once rather than from the pool for every batch: under load the
 * requests hold every pooled connection, and a sequencer queued behind them delayed every event by the wait (the
 * PostgreSQL events profile in {@code bench/results/profile.md}). On PostgreSQL it is the session that holds the
 * sequencer lock. A connection of the application's data source, so an H2 commit still waits for its file write.
 */
final class SequencerConnection {

	private final Connection connection;

	private final EventLogRepository repository;

	private final TransactionTemplate transactions;

	/** On the lock's session when there is one, else on a connection taken from the pool for good. */
	static SequencerConnection open(@Nullable Connection lockSession, DataSource dataSource,
			EventLogRepository repository) {
		if (lockSession != null) {
			return new SequencerConnection(lockSession, repository);
		}
		try {
			return new SequencerConnection(dataSource.getConnection(), repository);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("No database connection for the event sequencer", ex);
		}
	}

	private SequencerConnection(Connection connection, EventLogRepository repository) {
		this.connection = connection;
		SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
		this.repository = repository.on(single);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(single));
	}

	/** Runs the work in one transaction on this connection. */
	<T> T inTransaction(Function<EventLogRepository, T> work) {
		return this.transactions.execute((status) -> work.apply(this.repository));
	}

	Connection connection() {
		return this.connection;
	}

}
