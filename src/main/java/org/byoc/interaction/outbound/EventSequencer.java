package org.byoc.interaction.outbound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import org.byoc.interaction.database.VisibleCommits;
import org.byoc.interaction.outbound.EventLog.Listener;
import org.byoc.interaction.outbound.EventLogRepository.State;
import org.byoc.interaction.outbound.EventLogRepository.Unsequenced;

/**
 * Hands out replay ids. Writers only insert rows; this one thread per node, and only on the node that holds the
 * sequencer lock (a PostgreSQL session advisory lock; on H2 the single node), gives committed rows increasing
 * replay ids and moves the tip. A transaction that commits late is simply numbered later, so a reader that only
 * reads numbered rows up to the tip never skips one. Local commits wake it at once; commits on other nodes are
 * found by polling. Nodes that are not the leader follow the tip from the database and wake their subscribers.
 */
@Component
class EventSequencer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EventSequencer.class);

	/** Advisory lock key; advisory locks are per database, so one lock per service database. */
	private static final long SEQUENCER_LOCK = 0x4259_4F43_5345_514EL;

	private static final int BATCH = 500;

	private static final long LEADERSHIP_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final Object WAKE_ON_COMMIT = new Object();

	private final DataSource dataSource;

	private final EventLogRepository repository;

	private final OutboundEventProperties properties;

	private final Semaphore wake = new Semaphore(0);

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	private volatile long tip;

	private volatile long expiredThrough;

	private volatile boolean running;

	private volatile boolean leader;

	private Thread thread;

	private boolean postgres;

	private Connection lockConnection;

	private SequencerConnection work;

	private long lastLeadershipCheck;

	private long nextRetention;

	EventSequencer(DataSource dataSource, EventLogRepository repository, OutboundEventProperties properties) {
		this.dataSource = dataSource;
		this.repository = repository;
		this.properties = properties;
	}

	long tip() {
		return this.tip;
	}

	long expiredThrough() {
		return this.expiredThrough;
	}

	boolean isLeader() {
		return this.leader;
	}

	/** Re-reads tip and retention watermark from the database (a client may know a newer id than this node). */
	void refresh() {
		State state = this.repository.state();
		advanceTo(state, null);
	}

	void addListener(Listener listener) {
		this.listeners.add(listener);
	}

	void removeListener(Listener listener) {
		this.listeners.remove(listener);
	}

	void wake() {
		if (this.wake.availablePermits() == 0) {
			this.wake.release();
		}
	}

	/**
	 * Wakes the sequencer when the caller's transaction commits (or now, without a transaction): as soon as its
	 * events are visible where the database makes them durable later (H2's group commit, see
	 * {@link VisibleCommits}; the sequencer's own commit then waits for the file write that holds both), else once
	 * the commit returned.
	 */
	void wakeAfterCommit() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			wake();
			return;
		}
		if (TransactionSynchronizationManager.hasResource(WAKE_ON_COMMIT)) {
			return;
		}
		TransactionSynchronizationManager.bindResource(WAKE_ON_COMMIT, Boolean.TRUE);
		VisibleCommits.whenVisible(this.dataSource, this::wake);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				// again, cheaply (a pass that finds nothing writes nothing): an inner transaction committing first on
				// this thread would have run the early wake before these events were visible
				wake();
			}

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(WAKE_ON_COMMIT);
			}

		});
	}

	@Override
	public void start() {
		try (Connection connection = this.dataSource.getConnection()) {
			this.postgres = "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot inspect the database for the event sequencer", ex);
		}
		refresh();
		this.running = true;
		this.thread = new Thread(this::run, "outbound-sequencer");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread current = this.thread;
		if (current != null) {
			wake();
			try {
				current.join(TimeUnit.SECONDS.toMillis(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		stepDown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		long pollMillis = Math.max(1, this.properties.pollInterval().toMillis());
		while (this.running) {
			try {
				this.wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
				this.wake.drainPermits();
				if (!this.running) {
					break;
				}
				if (holdsLeadership()) {
					sequenceCommitted();
					expireIfDue();
				}
				else {
					refresh();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (RuntimeException ex) {
				log.warn("Event sequencer: {}; retrying", ex.toString());
				dropWork();
				sleepQuietly(pollMillis * 4);
			}
		}
	}

	private void sequenceCommitted() {
		while (this.running) {
			Batch batch = work().inTransaction((repository) -> {
				State state = repository.lockState();
				List<Unsequenced> rows = repository.unsequenced(BATCH, System.currentTimeMillis());
				if (rows.isEmpty()) {
					return new Batch(state, Set.of(), 0);
				}
				repository.assign(rows, state.lastReplayId() + 1);
				long last = state.lastReplayId() + rows.size();
				repository.setLastReplayId(last);
				Set<String> topics = new HashSet<>();
				for (Unsequenced row : rows) {
					topics.add(EventLog.topicKey(row.orgKey(), row.topic()));
				}
				return new Batch(new State(last, state.expiredThrough()), topics, rows.size());
			});
			// committed: only now may readers see the new tip
			advanceTo(batch.state(), batch.topics());
			if (batch.size() < BATCH) {
				return;
			}
		}
	}

	private void advanceTo(State state, Set<String> topics) {
		this.expiredThrough = Math.max(this.expiredThrough, state.expiredThrough());
		if (state.lastReplayId() > this.tip) {
			this.tip = state.lastReplayId();
			for (Listener listener : this.listeners) {
				try {
					listener.appended(topics);
				}
				catch (RuntimeException ex) {
					log.warn("Event log listener failed: {}", ex.toString());
				}
			}
		}
	}

	private void expireIfDue() {
		long now = System.currentTimeMillis();
		if (now < this.nextRetention) {
			return;
		}
		this.nextRetention = now + this.properties.retentionCheckInterval().toMillis();
		long cutoff = now - this.properties.retention().toMillis();
		boolean more = true;
		while (more && this.running) {
			Sweep sweep = work().inTransaction((repository) -> {
				State state = repository.lockState();
				List<long[]> oldest = repository.oldest(state.expiredThrough(), BATCH);
				long last = state.expiredThrough();
				int expired = 0;
				for (long[] row : oldest) {
					if (row[1] >= cutoff) {
						break;
					}
					last = row[0];
					expired++;
				}
				if (expired > 0) {
					repository.expireThrough(state.expiredThrough(), last);
				}
				return new Sweep(last, expired == BATCH);
			});
			this.expiredThrough = Math.max(this.expiredThrough, sweep.through());
			more = sweep.more();
		}
	}

	/** The leader's own connection: on PostgreSQL the session holding the lock, on H2 one kept from the pool. */
	private SequencerConnection work() {
		if (this.work == null) {
			this.work = SequencerConnection.open(this.lockConnection, this.dataSource, this.repository);
		}
		return this.work;
	}

	/** Forgets the work connection after a failure or on stop; the lock's session is closed by stepping down. */
	private void dropWork() {
		SequencerConnection current = this.work;
		this.work = null;
		if (current != null && current.connection() != this.lockConnection) {
			closeQuietly(current.connection());
		}
	}

	private boolean holdsLeadership() {
		if (!this.postgres) {
			this.leader = true;
			return true;
		}
		long now = System.nanoTime();
		if (this.leader && now - this.lastLeadershipCheck < LEADERSHIP_CHECK_NANOS) {
			return true;
		}
		if (!this.leader && this.lastLeadershipCheck != 0 && now - this.lastLeadershipCheck < LEADERSHIP_CHECK_NANOS) {
			return false;
		}
		this.lastLeadershipCheck = now;
		if (this.leader) {
			try {
				if (this.lockConnection.isValid(2)) {
					return true;
				}
			}
			catch (SQLException ex) {
				// fall through: the session holding the lock is gone
			}
			log.warn("Event sequencer lost its database session; stepping down");
			stepDown();
			return false;
		}
		return tryTakeLeadership();
	}

	private boolean tryTakeLeadership() {
		Connection connection = null;
		try {
			connection = this.dataSource.getConnection();
			connection.setAutoCommit(true);
			try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
				statement.setLong(1, SEQUENCER_LOCK);
				try (ResultSet rs = statement.executeQuery()) {
					if (rs.next() && rs.getBoolean(1)) {
						this.lockConnection = connection;
						this.leader = true;
						log.info("This node is now the outbound event sequencer");
						return true;
					}
				}
			}
			connection.close();
			return false;
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			log.warn("Cannot try the event sequencer lock: {}", ex.toString());
			return false;
		}
	}

	private void stepDown() {
		dropWork();
		Connection connection = this.lockConnection;
		this.lockConnection = null;
		this.leader = false;
		if (connection != null) {
			try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(?)")) {
				statement.setLong(1, SEQUENCER_LOCK);
				statement.execute();
			}
			catch (SQLException ex) {
				// the session is gone, and the lock with it
			}
			closeQuietly(connection);
		}
	}

	private static void closeQuietly(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// nothing left to release
			}
		}
	}

	private static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Batch(State state, Set<String> topics, int size) {
	}

	private record Sweep(long through, boolean more) {
	}

}
