package org.byoc.interaction.setup.cluster;

/**
 * Short signals to every node sharing the database, this one included: "the setup changed", "org X's console has
 * news", "a token was signed out". They carry names, never data: a listener reads what changed from the database,
 * so a lost signal only delays it until the listener's own periodic refresh, and {@link Listener#missed()} tells
 * a listener when signals may have been lost (the listening connection broke), so it reloads everything.
 * <p>
 * Sent inside a transaction, a signal leaves when (and only if) it commits: across nodes that is PostgreSQL's
 * {@code pg_notify}, on a single node the service delivers it to itself after the commit.
 */
public interface ClusterSignals {

	/** Sends {@code message} on {@code topic} (a short name such as {@code setup}); at most a few hundred bytes. */
	void send(String topic, String message);

	/** Hears the topic on this node until the registration is closed. Listeners run on one shared thread. */
	Registration listen(String topic, Listener listener);

	/** Whether signals cross nodes (several nodes on PostgreSQL) rather than staying in this process. */
	boolean crossesNodes();

	interface Listener {

		void signal(String message);

		/** Signals may have been lost meanwhile: reload whatever is kept from the database. */
		default void missed() {
		}

	}

	interface Registration extends AutoCloseable {

		@Override
		void close();

	}

}
