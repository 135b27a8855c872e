package org.byoc.interaction.setup.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link ClusterSignals} on the service's database. Several nodes ({@link ClusterMode#multiNode()}, PostgreSQL):
 * {@code pg_notify} in the sender's transaction and one connection per node that {@code LISTEN}s (taken from the
 * pool for the node's lifetime, like the sequencer's lock), re-opened after a second when it breaks, after which
 * every listener is told it {@code missed} signals. A single node (H2, or PostgreSQL with one node) delivers signals
 * to itself after the sender's commit, without a round trip.
 */
@Component
class DatabaseClusterSignals implements ClusterSignals, SmartLifecycle {

	static final String CHANNEL = "interactionservice";

	private static final Logger log = LoggerFactory.getLogger(DatabaseClusterSignals.class);

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final boolean postgres;

	private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();

	private final ExecutorService dispatcher = Executors.newSingleThreadExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "cluster-signals");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean running;

	private Thread listenerThread;

	DatabaseClusterSignals(DataSource dataSource, JdbcClient jdbc, ClusterMode cluster) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		// ClusterMode refuses several nodes on anything but PostgreSQL
		this.postgres = cluster.multiNode();
	}

	@Override
	public boolean crossesNodes() {
		return this.postgres;
	}

	@Override
	public void send(String topic, String message) {
		String payload = topic + "\n" + message;
		if (this.postgres) {
			// inside a transaction PostgreSQL holds the notification until the commit and drops it on rollback
			this.jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, payload).query().singleValue();
			return;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					dispatch(payload);
				}

			});
		}
		else {
			dispatch(payload);
		}
	}

	@Override
	public Registration listen(String topic, Listener listener) {
		this.listeners.computeIfAbsent(topic, (key) -> new CopyOnWriteArrayList<>()).add(listener);
		return () -> this.listeners.computeIfPresent(topic, (key, list) -> {
			list.remove(listener);
			return list.isEmpty() ? null : list;
		});
	}

	private void dispatch(String payload) {
		int newline = payload.indexOf('\n');
		if (newline < 0) {
			return;
		}
		String topic = payload.substring(0, newline);
		String message = payload.substring(newline + 1);
		try {
			this.dispatcher.execute(() -> {
				for (Listener listener : this.listeners.getOrDefault(topic, List.of())) {
					try {
						listener.signal(message);
					}
					catch (RuntimeException ex) {
						log.debug("Cluster signal {} not handled: {}", topic, ex.toString());
					}
				}
			});
		}
		catch (RuntimeException ex) {
			// shutting down
		}
	}

	private void missed() {
		this.dispatcher.execute(() -> this.listeners.values()
			.forEach((list) -> list.forEach((listener) -> {
				try {
					listener.missed();
				}
				catch (RuntimeException ex) {
					log.debug("Cluster signal listener could not reload: {}", ex.toString());
				}
			})));
	}

	/** Listens on PostgreSQL until stopped; every broken connection is replaced after a second. */
	private void listenLoop() {
		boolean connectedBefore = false;
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				if (connectedBefore) {
					log.info("Cluster signals: listening again");
					missed();
				}
				connectedBefore = true;
				PGConnection pg = connection.unwrap(PGConnection.class);
				while (this.running) {
					PGNotification[] notifications = pg.getNotifications(500);
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							dispatch(notification.getParameter());
						}
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (this.running) {
					log.warn("Cluster signals: listening connection lost ({}); retrying in 1 s", ex.toString());
					sleep();
				}
			}
		}
	}

	private static void sleep() {
		try {
			TimeUnit.SECONDS.sleep(1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void start() {
		this.running = true;
		if (this.postgres) {
			this.listenerThread = new Thread(this::listenLoop, "cluster-signals-listen");
			this.listenerThread.setDaemon(true);
			this.listenerThread.start();
		}
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.listenerThread != null) {
			try {
				this.listenerThread.join(2_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.dispatcher.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Listening starts before the servers do, so no signal sent after a node is ready escapes it. */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 100;
	}

}
