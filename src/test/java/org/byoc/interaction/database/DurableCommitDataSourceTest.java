package org.byoc.interaction.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real H2 file database whose background writer is kept out of the way (a write delay of 100 s), a commit
 * through the durable DataSource is in the database file when it returns (H2's own count of file writes moved),
 * where the same commit through the plain DataSource is not; transactions that only read never wait; and
 * concurrent commits share file writes. The database stays open between connections (DB_CLOSE_DELAY=-1): closing
 * it would write everything.
 */
class DurableCommitDataSourceTest {

	@TempDir
	Path dir;

	private JdbcDataSource h2;

	private GroupCommit groupCommit;

	private DataSource durable;

	@BeforeEach
	void openDatabase() throws SQLException {
		this.h2 = new JdbcDataSource();
		this.h2.setURL("jdbc:h2:file:" + this.dir.resolve("db") + ";WRITE_DELAY=100000;DB_CLOSE_DELAY=-1");
		this.h2.setUser("sa");
		this.groupCommit = new GroupCommit();
		this.durable = new DurableCommitDataSource(this.h2, this.groupCommit);
		try (Connection connection = this.h2.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("create table entry (id int primary key, text varchar(100))");
			statement.execute("checkpoint");
		}
	}

	@AfterEach
	void closeDatabase() throws SQLException {
		try (Connection connection = this.h2.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("shutdown");
		}
	}

	@Test
	void whenATransactionCommitsThroughTheDurableDataSourceThenItIsInTheFileBeforeCommitReturns() throws SQLException {
		long before = fileWrites();
		insertInTransaction(this.durable, 1);

		assertThat(fileWrites()).isGreaterThan(before);
		assertThat(this.groupCommit.writes()).isEqualTo(1);
	}

	@Test
	void whenTheSameTransactionCommitsThroughThePlainDataSourceThenTheFileIsNotWritten() throws SQLException {
		long before = fileWrites();
		insertInTransaction(this.h2, 1);

		assertThat(fileWrites()).isEqualTo(before);
	}

	@Test
	void whenAStatementWritesInAutoCommitModeThenItIsInTheFileWhenItReturns() throws SQLException {
		long before = fileWrites();
		try (Connection connection = this.durable.getConnection();
				Statement statement = connection.createStatement()) {
			statement.executeUpdate("insert into entry values (7, 'auto')");
		}

		assertThat(fileWrites()).isGreaterThan(before);
	}

	@Test
	void whenATransactionOnlyReadsOrRollsBackThenNothingWaitsForTheFile() throws SQLException {
		insertInTransaction(this.durable, 1);
		long writes = this.groupCommit.writes();
		try (Connection connection = this.durable.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("select count(*) from entry")) {
				rs.next();
			}
			connection.commit();
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("insert into entry values (2, 'undone')");
			}
			connection.rollback();
			connection.setAutoCommit(true);
		}

		assertThat(this.groupCommit.writes()).isEqualTo(writes);
	}

	@Test
	void whenManyTransactionsCommitAtOnceThenTheyShareFileWritesAndAllAreKept() throws Exception {
		int threads = 8;
		int perThread = 50;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<?>> tasks = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int first = 1_000 * (t + 1);
			tasks.add(pool.submit(() -> {
				for (int i = 0; i < perThread; i++) {
					insertInTransaction(this.durable, first + i);
				}
				return null;
			}));
		}
		for (Future<?> task : tasks) {
			task.get(60, TimeUnit.SECONDS);
		}
		pool.shutdown();

		assertThat(count()).isEqualTo(threads * perThread);
		assertThat(this.groupCommit.writes()).isPositive().isLessThan(threads * perThread);
	}

	@Test
	void whenAStatementAsksForItsConnectionThenItGetsTheDurableOne() throws SQLException {
		long before = fileWrites();
		try (Connection connection = this.durable.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("insert into entry values (3, 'via statement')");
				assertThat(statement.getConnection()).isSameAs(connection);
				statement.getConnection().commit();
			}
		}

		assertThat(fileWrites()).isGreaterThan(before);
	}

	@Test
	void whenATransactionCommitsThenWorkWaitingForVisibilityRunsBeforeTheFileWrite() throws SQLException {
		long before = fileWrites();
		List<long[]> seen = new ArrayList<>();
		try (Connection connection = this.durable.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("insert into entry values (1, 'entry 1')");
			}
			assertThat(VisibleCommits.whenVisible(this.durable, () -> {
				try {
					seen.add(new long[] { count(), fileWrites() });
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			})).isTrue();
			connection.commit();
			connection.setAutoCommit(true);
		}

		assertThat(seen).hasSize(1);
		assertThat(seen.get(0)[0]).as("rows another connection sees").isEqualTo(1);
		assertThat(seen.get(0)[1]).as("file writes by then").isEqualTo(before);
		assertThat(fileWrites()).isGreaterThan(before);
	}

	@Test
	void whenATransactionRollsBackOrTheDataSourceIsPlainThenNothingWaitsForVisibility() throws SQLException {
		List<String> ran = new ArrayList<>();
		try (Connection connection = this.durable.getConnection()) {
			connection.setAutoCommit(false);
			VisibleCommits.whenVisible(this.durable, () -> ran.add("rolled back"));
			connection.rollback();
			connection.setAutoCommit(true);
		}
		insertInTransaction(this.durable, 1);

		assertThat(ran).isEmpty();
		assertThat(VisibleCommits.whenVisible(this.h2, () -> ran.add("plain"))).isFalse();
	}

	private static void insertInTransaction(DataSource dataSource, int id) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("insert into entry values (" + id + ", 'entry " + id + "')");
			}
			connection.commit();
			connection.setAutoCommit(true);
		}
	}

	private long count() throws SQLException {
		try (Connection connection = this.h2.getConnection(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select count(*) from entry")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** H2's count of writes to the database file since it was opened. */
	private long fileWrites() throws SQLException {
		try (Connection connection = this.h2.getConnection(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(
						"select setting_value from information_schema.settings where setting_name = 'info.FILE_WRITE'")) {
			assertThat(rs.next()).as("H2 reports info.FILE_WRITE").isTrue();
			return Long.parseLong(rs.getString(1));
		}
	}

}
