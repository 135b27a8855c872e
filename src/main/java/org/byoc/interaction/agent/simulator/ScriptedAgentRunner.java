package org.byoc.interaction.agent.simulator;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import org.byoc.interaction.conversation.EndUserEntryRecorded;
import org.byoc.interaction.routing.PendingServiceRouting;
import org.byoc.interaction.routing.Routings;
import org.byoc.interaction.routing.presence.AgentPresence;
import org.byoc.interaction.routing.presence.Presences;
import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.routing.work.AgentWorks;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.ScriptedAgent;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * Runs the orgs' scripted agents on the service's scheduler ({@code interactionservice.scripted-agents.tick}, and at
 * once after an end user's entry of such an org commits): each goes Online, accepts what it is offered (or picks up
 * waiting work in an org without presence), then takes one step in each of its conversations. Orgs without scripted
 * agents cost nothing. On several nodes every node runs them; the turn row of each work keeps them from acting
 * twice.
 */
@Component
class ScriptedAgentRunner implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ScriptedAgentRunner.class);

	private final SetupDirectory setup;

	private final Presences presences;

	private final AgentWorks works;

	private final Routings routings;

	private final ScriptedTurns turns;

	private final ExecutorService worker = Executors.newSingleThreadExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "scripted-agents");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicBoolean queued = new AtomicBoolean();

	ScriptedAgentRunner(SetupDirectory setup, Presences presences, AgentWorks works, Routings routings,
			ScriptedTurns turns) {
		this.setup = setup;
		this.presences = presences;
		this.works = works;
		this.routings = routings;
		this.turns = turns;
	}

	@Scheduled(fixedDelayString = "${interactionservice.scripted-agents.tick:250ms}")
	void tick() {
		runAll();
	}

	/** An end user wrote to an org with scripted agents: they act now rather than at the next tick. */
	@TransactionalEventListener(fallbackExecution = true)
	void entryRecorded(EndUserEntryRecorded event) {
		if (this.setup.org(event.orgId()).map((org) -> !org.scriptedAgents().isEmpty()).orElse(false)
				&& this.queued.compareAndSet(false, true)) {
			try {
				this.worker.execute(() -> {
					this.queued.set(false);
					runAll();
				});
			}
			catch (RejectedExecutionException ex) {
				this.queued.set(false);
			}
		}
	}

	synchronized void runAll() {
		for (Org org : this.setup.orgs()) {
			for (ScriptedAgent agent : org.scriptedAgents()) {
				try {
					act(org, agent);
				}
				catch (RuntimeException ex) {
					// the next tick tries again; a refusal (say, a session the partner ended meanwhile) is normal
					log.debug("Scripted agent {} of org {}: {}", agent.userId(), org.key(), ex.toString());
				}
			}
		}
	}

	private void act(Org org, ScriptedAgent agent) {
		if (org.modelsPresence()) {
			goOnline(org, agent);
		}
		List<AgentWork> active = this.works.activeWork(org.id(), agent.userId());
		for (AgentWork work : active) {
			if (work.status() == AgentWork.Status.Assigned) {
				attempt(org, agent, () -> this.works.accept(org.id(), agent.userId(), work.id()));
			}
		}
		if (!org.modelsPresence()) {
			pickUp(org, agent, active.size());
		}
		for (AgentWork work : this.works.activeWork(org.id(), agent.userId())) {
			if (work.status() == AgentWork.Status.Opened) {
				attempt(org, agent, () -> this.turns.step(org, agent, work));
			}
		}
	}

	private void goOnline(Org org, ScriptedAgent agent) {
		AgentPresence presence = this.presences.presence(org.id(), agent.userId());
		if (!presence.isOffline()) {
			return;
		}
		String statusId = (agent.presenceStatusId() != null) ? agent.presenceStatusId()
				: org.presenceStatuses().stream()
					.filter((status) -> status.kind() == Org.PresenceStatus.Kind.Online)
					.map(Org.PresenceStatus::id)
					.findFirst()
					.orElse(null);
		if (statusId != null) {
			this.presences.change(org.id(), agent.userId(), statusId);
		}
	}

	/** Without presence nothing is offered: the agent takes waiting work of its queues, up to its capacity. */
	private void pickUp(Org org, ScriptedAgent agent, int busy) {
		int capacity = org.userById(agent.userId()).map(Org.AppUser::capacity).orElse(1);
		int free = capacity - busy;
		for (PendingServiceRouting psr : this.routings.openRoutings(org.id())) {
			if (free <= 0) {
				return;
			}
			boolean served = agent.queues().isEmpty()
					|| agent.queues().stream().anyMatch((queue) -> OrgIds.sameId(queue, psr.queueId()));
			boolean forSomeoneElse = psr.userId() != null && !OrgIds.sameId(psr.userId(), agent.userId());
			boolean taken = this.works.workOf(org.id(), psr.conversationIdentifier())
				.stream()
				.anyMatch((work) -> work.isActive() && psr.id().equals(work.psrId()));
			if (served && !forSomeoneElse && !taken && psr.queueId() != null) {
				if (attempt(org, agent, () -> {
					AgentWork work = this.works.pickUp(org.id(), agent.userId(), psr.id());
					this.works.accept(org.id(), agent.userId(), work.id());
				})) {
					free--;
				}
			}
		}
	}

	private boolean attempt(Org org, ScriptedAgent agent, Runnable action) {
		try {
			action.run();
			return true;
		}
		catch (RuntimeException ex) {
			log.debug("Scripted agent {} of org {}: {}", agent.userId(), org.key(), ex.toString());
			return false;
		}
	}

	@Override
	public void destroy() {
		this.worker.shutdownNow();
	}

}
