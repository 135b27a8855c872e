package org.byoc.interaction.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.routing.internal.RoutingRepository;
import org.byoc.interaction.routing.presence.AgentPresence;
import org.byoc.interaction.routing.presence.Presences;
import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.routing.work.WorkEvents.WorkType;
import org.byoc.interaction.routing.work.WorkEvents;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.RecordIds;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * The router of Salesforce-routed channels (Omni-Channel's queue-based routing). An open routing waits in its
 * queue (a flow's routing in the flow's fallback queue), first in first out; the router offers (pushes) the work to
 * an agent who is Online in a status serving the channel, a member of the queue, with the Partner Messaging
 * permission and a free unit of capacity: the least busy first, then the one idle longest. Queues of a higher
 * routing priority (1 first) are served first. A transfer to a rep is offered to that rep only. An offer not
 * accepted within the offer time-out goes back to the queue at its place, and is not offered to that agent again.
 * <p>
 * Every move of an org's queues happens in one transaction holding the org's queue lock, on whichever node: right
 * after any change that may free capacity or change a queue commits ({@link QueueTriggers}), and in a sweep that
 * finds time-outs and routings no node looked at yet (a node that died between its commit and its routing).
 * Each waiting routing's announced position is stored, so a QueuePosition goes out exactly when the position
 * changes, in the transaction that changed it.
 */
@Service
public class QueueEngine {

	private static final Logger log = LoggerFactory.getLogger(QueueEngine.class);

	private static final double EPSILON = 1e-9;

	/** Set while this thread routes: the router's own changes do not schedule another routing. */
	static final ThreadLocal<Boolean> ROUTING = new ThreadLocal<>();

	private final RoutingRepository repository;

	private final SetupDirectory setup;

	private final Conversations conversations;

	private final Presences presences;

	private final WorkEvents events;

	private final Routings routings;

	private final Clock clock;

	private final RoutingProperties properties;

	private final TransactionTemplate ownTransaction;

	QueueEngine(RoutingRepository repository, SetupDirectory setup, Conversations conversations, Presences presences,
			WorkEvents events, Routings routings, Clock clock, RoutingProperties properties,
			PlatformTransactionManager transactionManager) {
		this.repository = repository;
		this.setup = setup;
		this.conversations = conversations;
		this.presences = presences;
		this.events = events;
		this.routings = routings;
		this.clock = clock;
		this.properties = properties;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Routes the org's queues in a transaction of its own: time-outs, offers, positions. Never throws: a failed
	 * routing is logged and the sweep tries again.
	 */
	public void route(String orgKey) {
		Optional<Org> org = this.setup.org(orgKey);
		if (org.isEmpty()) {
			return;
		}
		ROUTING.set(Boolean.TRUE);
		try {
			this.ownTransaction.executeWithoutResult((status) -> routeLocked(org.get()));
		}
		catch (RuntimeException ex) {
			log.warn("Routing the queues of org {} failed; the next sweep tries again: {}", orgKey, ex.toString());
		}
		finally {
			ROUTING.remove();
		}
	}

	private void routeLocked(Org org) {
		this.repository.lockQueues(org.key());
		Instant now = this.clock.instant();
		expireOffers(org, now);
		Snapshot state = snapshot(org);
		Set<String> offered = new HashSet<>(state.offeredPsrs());
		if (org.modelsPresence()) {
			List<PendingServiceRouting> byPriority = new ArrayList<>(state.waiting());
			byPriority.sort(Comparator.comparingInt((PendingServiceRouting psr) -> priority(org, psr))
				.thenComparing(PendingServiceRouting::createdAt)
				.thenComparing(PendingServiceRouting::id));
			for (PendingServiceRouting psr : byPriority) {
				Org.AppUser agent = pick(org, psr, state);
				if (agent != null && offer(org, psr, agent, state, now)) {
					offered.add(psr.id());
				}
			}
		}
		announcePositions(org, state.open(), offered);
		this.repository.markRouted(org.key(), now);
	}

	/** Offers still Assigned after the time-out go back to the queue; a transfer to that very rep fails. */
	private void expireOffers(Org org, Instant now) {
		for (AgentWork overdue : this.repository.overduePushes(org.key(), now)) {
			if (!this.repository.changeWork(overdue.id(), AgentWork.Status.Assigned,
					AgentWork.Status.DeclinedOnPushTimeout)) {
				continue;
			}
			Conversation conversation = this.conversations.find(org.id(), overdue.conversationIdentifier()).orElse(null);
			PendingServiceRouting psr = (overdue.psrId() != null)
					? this.repository.psr(org.key(), overdue.psrId()).orElse(null) : null;
			if (conversation == null) {
				continue;
			}
			this.events.workResult(conversation, overdue, WorkType.Declined,
					List.of("The offer was not accepted within " + this.properties.offerTimeout().toSeconds()
							+ " s; it went back to the queue."),
					psr, null);
			if (psr != null && psr.isOpen() && psr.userId() != null) {
				this.routings.failTransfer(psr, conversation,
						"Agent " + overdue.userId() + " did not accept the transfer in time.");
			}
		}
	}

	private Snapshot snapshot(Org org) {
		List<PendingServiceRouting> open = this.repository.openRoutedPsrs(org.key()).stream()
			.filter((psr) -> routedHere(org, psr))
			.toList();
		Map<String, Double> load = new HashMap<>();
		Set<String> busyOn = new HashSet<>();
		Set<String> offered = new HashSet<>();
		for (AgentWork work : this.repository.activeWorkOfOrg(org.key())) {
			String user = OrgIds.key(work.userId());
			int capacity = org.userById(work.userId()).map(Org.AppUser::capacity).orElse(Org.AppUser.DEFAULT_CAPACITY);
			load.merge(user, work.units(capacity), Double::sum);
			busyOn.add(user + ":" + work.workItemId());
			if (work.status() == AgentWork.Status.Assigned && work.psrId() != null) {
				offered.add(work.psrId());
			}
		}
		Set<String> declined = new HashSet<>(this.repository.declinedOffers(org.key()));
		Map<String, AgentPresence> presence = new HashMap<>();
		for (AgentPresence agent : this.presences.presences(org)) {
			presence.put(OrgIds.key(agent.userId()), agent);
		}
		List<PendingServiceRouting> waiting = open.stream().filter((psr) -> !offered.contains(psr.id())).toList();
		return new Snapshot(open, waiting, offered, load, busyOn, declined, presence);
	}

	/** Whether this router routes the PSR: its channel is (still) routed by Salesforce. */
	private static boolean routedHere(Org org, PendingServiceRouting psr) {
		return org.channel(psr.channelDeveloperName())
			.map((channel) -> channel.routingOwner() == Channel.Owner.Salesforce)
			.orElse(false);
	}

	/** A transfer to a rep first; then by the queue's routing priority (1 first). */
	private static int priority(Org org, PendingServiceRouting psr) {
		if (psr.userId() != null) {
			return 0;
		}
		return org.queue(psr.queueId()).map(Org.Queue::routingPriority).orElse(Integer.MAX_VALUE);
	}

	/** The agent to offer the routing to, or null: eligible, least busy, then idle longest. */
	private static Org.AppUser pick(Org org, PendingServiceRouting psr, Snapshot state) {
		Org.Queue queue = (psr.queueId() != null) ? org.queue(psr.queueId()).orElse(null) : null;
		return org.users().stream()
			.filter((user) -> eligible(psr, queue, user, state))
			.min(Comparator.comparingDouble((Org.AppUser user) -> state.load(user) / user.capacity())
				.thenComparing((user) -> state.presence(user).idleSince(),
						Comparator.nullsFirst(Comparator.naturalOrder()))
				.thenComparing(Org.AppUser::id))
			.orElse(null);
	}

	private static boolean eligible(PendingServiceRouting psr, Org.Queue queue, Org.AppUser user, Snapshot state) {
		String key = OrgIds.key(user.id());
		boolean target = (psr.userId() != null) ? OrgIds.sameId(psr.userId(), user.id())
				: queue != null && queue.hasMember(user.id());
		return target && user.has(Org.Permission.PartnerMessaging)
				&& state.presence(user).serves(psr.channelDeveloperName())
				&& !state.declined().contains(psr.id() + ":" + key)
				&& !state.busyOn().contains(key + ":" + psr.workItemId())
				&& user.capacity() - state.load(user) >= 1 - EPSILON;
	}

	private boolean offer(Org org, PendingServiceRouting psr, Org.AppUser agent, Snapshot state, Instant now) {
		Conversation conversation = this.conversations.find(org.id(), psr.conversationIdentifier()).orElse(null);
		if (conversation == null) {
			return false;
		}
		AgentWork work = new AgentWork(RecordIds.newId(AgentWork.KEY_PREFIX), org.key(), agent.id(),
				psr.workItemId(), psr.conversationIdentifier(), psr.id(), psr.routingType(),
				psr.routingCorrelationId(), null, null, null, null, AgentWork.Status.Assigned, now, null, null,
				now.plus(this.properties.offerTimeout()));
		if (!this.repository.insertWork(work)) {
			return false;
		}
		String key = OrgIds.key(agent.id());
		state.loadByUser().merge(key, 1.0, Double::sum);
		state.busyOn().add(key + ":" + psr.workItemId());
		this.presences.noteRouted(org.key(), agent.id(), now);
		this.events.workResult(conversation, work, WorkType.Assigned, List.of(), psr, null);
		return true;
	}

	/**
	 * Each queue's waiting routings, oldest first, get positions 1, 2, ...; a position that differs from the one
	 * last announced is stored and announced. Routings no longer waiting lose theirs silently.
	 */
	private void announcePositions(Org org, List<PendingServiceRouting> open, Set<String> offered) {
		Map<String, Integer> next = new HashMap<>();
		for (PendingServiceRouting psr : open) {
			boolean queued = !offered.contains(psr.id()) && psr.userId() == null && psr.queueId() != null;
			Integer position = queued ? next.merge(OrgIds.key(psr.queueId()), 1, Integer::sum) : null;
			if (java.util.Objects.equals(position, psr.queuePosition())) {
				continue;
			}
			this.repository.setQueuePosition(psr.id(), position);
			if (position != null) {
				this.conversations.find(org.id(), psr.conversationIdentifier())
					.ifPresent((conversation) -> this.events.queuePosition(conversation, psr, position));
			}
		}
	}

	/** Each queue of the org with the routings waiting in it, in order (what QueuePosition announces). */
	public List<QueueState> queues(String orgId) {
		Org org = this.setup.org(orgId).orElse(null);
		if (org == null) {
			return List.of();
		}
		Snapshot state = this.ownTransaction.execute((status) -> snapshot(org));
		Map<String, List<PendingServiceRouting>> waiting = new LinkedHashMap<>();
		org.queues().forEach((queue) -> waiting.put(OrgIds.key(queue.id()), new ArrayList<>()));
		for (PendingServiceRouting psr : state.waiting()) {
			if (psr.userId() == null && psr.queueId() != null) {
				waiting.computeIfAbsent(OrgIds.key(psr.queueId()), (key) -> new ArrayList<>()).add(psr);
			}
		}
		List<QueueState> queues = new ArrayList<>();
		waiting.forEach((queueKey, psrs) -> {
			Org.Queue queue = org.queue(queueKey).orElse(new Org.Queue(queueKey, queueKey));
			long offeredCount = state.open().stream()
				.filter((psr) -> state.offeredPsrs().contains(psr.id()) && psr.queueId() != null
						&& OrgIds.sameId(psr.queueId(), queueKey))
				.count();
			queues.add(new QueueState(queue, List.copyOf(psrs), (int) offeredCount));
		});
		return queues;
	}

	/** Each user of the org with presence, capacity and the capacity in use. */
	public List<AgentState> agents(String orgId) {
		Org org = this.setup.org(orgId).orElse(null);
		if (org == null) {
			return List.of();
		}
		Snapshot state = this.ownTransaction.execute((status) -> snapshot(org));
		return org.users().stream()
			.map((user) -> new AgentState(user, state.presence(user), state.load(user)))
			.toList();
	}

	/** A queue and the routings waiting in it (position = index + 1), and how many are offered to agents now. */
	public record QueueState(Org.Queue queue, List<PendingServiceRouting> waiting, int offered) {
	}

	/** An agent: presence, capacity (the setup's) and the units of it their active work takes. */
	public record AgentState(Org.AppUser user, AgentPresence presence, double load) {

		public int capacity() {
			return this.user.capacity();
		}

	}

	/** What routing an org needs at one moment, read under its queue lock. */
	private record Snapshot(List<PendingServiceRouting> open, List<PendingServiceRouting> waiting,
			Set<String> offeredPsrs, Map<String, Double> loadByUser, Set<String> busyOn, Set<String> declined,
			Map<String, AgentPresence> presenceByUser) {

		double load(Org.AppUser user) {
			return this.loadByUser.getOrDefault(OrgIds.key(user.id()), 0.0);
		}

		AgentPresence presence(Org.AppUser user) {
			AgentPresence presence = this.presenceByUser.get(OrgIds.key(user.id()));
			return (presence != null) ? presence : new AgentPresence(null, user.id(), null, null, null);
		}

	}

}
