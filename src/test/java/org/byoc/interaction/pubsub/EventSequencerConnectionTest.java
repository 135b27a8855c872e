package org.byoc.interaction.pubsub;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongPredicate;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.byoc.interaction.outbound.EventLog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sequencer numbers events on a connection of its own. When requests hold every pooled connection (a busy
 * service), the events they already committed are numbered all the same, instead of waiting for the pool.
 */
class EventSequencerConnectionTest extends PubSubTestSupport {

	/** Under the pool's connection timeout (3 s): a sequencer waiting for the pool could not be this quick. */
	private static final Duration NUMBERED_WITHIN = Duration.ofMillis(2500);

	@Autowired
	DataSource dataSource;

	@Autowired
	EventLog eventLog;

	@Test
	void whenRequestsHoldEveryPooledConnectionThenACommittedEventIsStillNumbered() throws Exception {
		long before = this.eventLog.tip();
		publishAgentText("the sequencer has its connection from now on");
		assertThat(awaitTip((tip) -> tip > before)).isTrue();

		HikariDataSource pool = this.dataSource.unwrap(HikariDataSource.class);
		List<Connection> held = new ArrayList<>();
		String eventId = UUID.randomUUID().toString();
		try {
			while (pool.getHikariPoolMXBean().getActiveConnections() < pool.getMaximumPoolSize()) {
				held.add(this.dataSource.getConnection());
			}
			long tip = this.eventLog.tip();
			commitEvent(held.get(0), eventId);

			assertThat(awaitTip((now) -> now > tip)).as("numbered while the pool had no connection to give").isTrue();
			assertThat(pool.getHikariPoolMXBean().getIdleConnections()).isZero();
		}
		finally {
			if (!held.isEmpty()) {
				try (PreparedStatement delete = held.get(0)
					.prepareStatement("delete from outbound_event where event_id = ?")) {
					delete.setString(1, eventId);
					delete.executeUpdate();
					held.get(0).commit();
				}
			}
			for (Connection connection : held) {
				connection.close();
			}
		}
	}

	/** An event of an org no test reads, committed the way a request's transaction commits one. */
	private static void commitEvent(Connection connection, String eventId) throws SQLException {
		connection.setAutoCommit(false);
		try (PreparedStatement insert = connection.prepareStatement(
				"insert into outbound_event (event_id, org_key, topic, schema_id, payload, created_at) "
						+ "values (?, ?, ?, ?, ?, ?)")) {
			insert.setString(1, eventId);
			insert.setString(2, "00DPOOLTEST0001");
			insert.setString(3, "PoolTest__e");
			insert.setString(4, "pool-test");
			insert.setBytes(5, new byte[] { 0 });
			insert.setLong(6, System.currentTimeMillis());
			insert.executeUpdate();
		}
		connection.commit();
	}

	private boolean awaitTip(LongPredicate reached) throws InterruptedException {
		long deadline = System.nanoTime() + NUMBERED_WITHIN.toNanos();
		while (System.nanoTime() < deadline) {
			if (reached.test(this.eventLog.tip())) {
				return true;
			}
			Thread.sleep(20);
		}
		return reached.test(this.eventLog.tip());
	}

}
