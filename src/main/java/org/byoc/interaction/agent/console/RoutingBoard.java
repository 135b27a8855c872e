package org.byoc.interaction.agent.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import org.byoc.interaction.routing.PendingServiceRouting;
import org.byoc.interaction.routing.QueueEngine;
import org.byoc.interaction.routing.Routings;
import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.routing.work.AgentWorks;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.OrgIds;

/**
 * An org's routing at one moment, as the console shows it: what waits for a rep (open pending service routings),
 * the reps' active work, by conversation, and the agents' presence and load. Read through the routing module's
 * services (the admin API's agent desk reads the same), one query for the routings and one per user of the org.
 */
@Component
class RoutingBoard {

	private final Routings routings;

	private final AgentWorks agentWorks;

	private final QueueEngine queues;

	RoutingBoard(Routings routings, AgentWorks agentWorks, QueueEngine queues) {
		this.routings = routings;
		this.agentWorks = agentWorks;
		this.queues = queues;
	}

	Board of(Org org) {
		List<PendingServiceRouting> open = this.routings.openRoutings(org.id());
		Map<String, List<AgentWork>> work = new LinkedHashMap<>();
		for (Org.AppUser user : org.users()) {
			for (AgentWork active : this.agentWorks.activeWork(org.id(), user.id())) {
				work.computeIfAbsent(active.conversationIdentifier(), (id) -> new ArrayList<>()).add(active);
			}
		}
		return new Board(org, open, work, this.queues.agents(org.id()));
	}

	/** Each user of the org: presence, capacity, capacity in use. */
	List<QueueEngine.AgentState> agents(Org org) {
		return this.queues.agents(org.id());
	}

	/** Each queue of the org with what waits in it, in order. */
	List<QueueEngine.QueueState> queues(Org org) {
		return this.queues.queues(org.id());
	}

	/**
	 * One org's open routings, active work and agents (presence, capacity in use); {@link #fingerprint()} changes
	 * whenever any of them does.
	 */
	record Board(Org org, List<PendingServiceRouting> open, Map<String, List<AgentWork>> activeWork,
			List<QueueEngine.AgentState> agents) {

		Optional<QueueEngine.AgentState> agent(String userId) {
			return this.agents.stream().filter((agent) -> OrgIds.sameId(agent.user().id(), userId)).findFirst();
		}

		List<AgentWork> workOf(String userId) {
			return this.activeWork.values().stream()
				.flatMap(List::stream)
				.filter((work) -> OrgIds.sameId(work.userId(), userId))
				.sorted(Comparator.comparing(AgentWork::createdAt))
				.toList();
		}

		Optional<PendingServiceRouting> openRouting(String conversationIdentifier) {
			return this.open.stream().filter((psr) -> psr.conversationIdentifier().equals(conversationIdentifier))
				.findFirst();
		}

		/** A few words for the conversation list: who has the conversation, or what it waits for. */
		String state(String conversationIdentifier) {
			List<AgentWork> work = this.activeWork.getOrDefault(conversationIdentifier, List.of());
			Optional<AgentWork> opened = work.stream().filter((w) -> w.status() == AgentWork.Status.Opened).findFirst();
			Optional<PendingServiceRouting> waiting = openRouting(conversationIdentifier);
			if (waiting.isPresent()) {
				String offered = work.stream()
					.filter((w) -> w.status() == AgentWork.Status.Assigned)
					.map((w) -> " · offered to " + name(w.userId()))
					.findFirst()
					.orElse("");
				return (waiting.get().routingType().name().equals("Transfer") ? "Transfer to " : "Waiting for ")
						+ target(waiting.get()) + offered;
			}
			if (opened.isPresent()) {
				return "With " + name(opened.get().userId());
			}
			return work.stream().findFirst().map((w) -> "Offered to " + name(w.userId())).orElse(null);
		}

		String target(PendingServiceRouting psr) {
			if (psr.userId() != null) {
				return name(psr.userId());
			}
			String queue = this.org.queue(psr.queueId()).map(Org.Queue::name).orElse(psr.queueId());
			if (psr.flowId() != null) {
				return "flow " + this.org.flow(psr.flowId()).map(Org.Flow::name).orElse(psr.flowId()) + " (queue "
						+ queue + ")";
			}
			return "queue " + queue;
		}

		String name(String userId) {
			return this.org.userById(userId)
				.map((user) -> (user.displayName() != null) ? user.displayName() : user.username())
				.orElse(userId);
		}

		String fingerprint() {
			StringBuilder text = new StringBuilder();
			this.open.forEach((psr) -> text.append(psr.id()).append(psr.status()).append(';'));
			this.activeWork.values()
				.forEach((list) -> list.forEach((w) -> text.append(w.id()).append(w.status()).append(';')));
			this.agents.forEach((agent) -> text.append(agent.user().id())
				.append(agent.presence().statusName())
				.append(agent.load())
				.append(';'));
			return text.toString();
		}

	}

}
