package org.byoc.interaction.routing;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import org.byoc.interaction.routing.internal.RoutingRepository;
import org.byoc.interaction.routing.presence.PresenceChanged;
import org.byoc.interaction.routing.work.WorkEvents;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * When {@link QueueEngine} routes an org: after a change that may free capacity or change a queue commits
 * ({@link WorkEvents.QueueChanged}, {@link PresenceChanged}), on the router's own threads (a request never holds
 * a second connection, so a busy pool cannot deadlock), and in a sweep every
 * {@code interactionservice.routing.sweep-interval} that finds offers past their time-out and routings no node
 * routed yet; every few sweeps it routes every org with routings waiting, whatever happened.
 */
@Component
class QueueTriggers implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(QueueTriggers.class);

	/** The sweep routes every org with waiting work once in this many runs, not only those with news. */
	private static final int FULL_SWEEP_EVERY = 10;

	private static final Object PENDING_KEY = new Object();

	private final QueueEngine engine;

	private final RoutingRepository repository;

	private final Clock clock;

	private final SetupDirectory setup;

	/** Routes orgs after commits; an org already waiting for its turn is not queued twice. */
	private final ExecutorService router = Executors.newFixedThreadPool(2, (runnable) -> {
		Thread thread = new Thread(runnable, "queue-router");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<String, AtomicBoolean> queued = new ConcurrentHashMap<>();

	private int sweeps;

	QueueTriggers(QueueEngine engine, RoutingRepository repository, Clock clock, SetupDirectory setup) {
		this.engine = engine;
		this.repository = repository;
		this.clock = clock;
		this.setup = setup;
	}

	@EventListener
	void queueChanged(WorkEvents.QueueChanged changed) {
		routeAfterCommit(changed.orgKey());
	}

	@EventListener
	void presenceChanged(PresenceChanged changed) {
		routeAfterCommit(changed.orgKey());
	}

	/**
	 * Routes the org once the current transaction commits (at once without one); once per org and transaction. An
	 * org without a channel the service routes has no queue to move.
	 */
	void routeAfterCommit(String orgKey) {
		if (Boolean.TRUE.equals(QueueEngine.ROUTING.get()) || !routesItself(orgKey)) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			routeSoon(OrgIds.key(orgKey));
			return;
		}
		@SuppressWarnings("unchecked")
		Set<String> pending = (Set<String>) TransactionSynchronizationManager.getResource(PENDING_KEY);
		if (pending == null) {
			Set<String> orgs = new LinkedHashSet<>();
			TransactionSynchronizationManager.bindResource(PENDING_KEY, orgs);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					orgs.forEach(QueueTriggers.this::routeSoon);
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(PENDING_KEY);
				}

			});
			pending = orgs;
		}
		pending.add(OrgIds.key(orgKey));
	}

	/**
	 * Routes the org on a router thread. A routing that has not started yet sees this commit too, so the org is
	 * queued at most once; the flag drops when its routing starts, so a later commit queues it again.
	 */
	private void routeSoon(String orgKey) {
		AtomicBoolean waiting = this.queued.computeIfAbsent(orgKey, (key) -> new AtomicBoolean());
		if (!waiting.compareAndSet(false, true)) {
			return;
		}
		try {
			this.router.execute(() -> {
				waiting.set(false);
				this.engine.route(orgKey);
			});
		}
		catch (RejectedExecutionException ex) {
			waiting.set(false);
			log.debug("Router stopped; the org {} is routed by the next sweep of a running node.", orgKey);
		}
	}

	private boolean routesItself(String orgKey) {
		return this.setup.org(orgKey)
			.map((org) -> org.channels().stream().anyMatch((c) -> c.routingOwner() == Channel.Owner.Salesforce))
			.orElse(false);
	}

	@Override
	public void destroy() {
		this.router.shutdownNow();
	}

	@Scheduled(fixedDelayString = "${interactionservice.routing.sweep-interval:1s}")
	void sweep() {
		Set<String> orgs = new LinkedHashSet<>();
		try {
			orgs.addAll(this.repository.orgsNeedingRouting(this.clock.instant()));
			if (++this.sweeps % FULL_SWEEP_EVERY == 0) {
				orgs.addAll(this.repository.orgsWithRoutedPsrs());
			}
		}
		catch (RuntimeException ex) {
			log.debug("Routing sweep could not read the database: {}", ex.toString());
			return;
		}
		orgs.forEach(this.engine::route);
	}

}
