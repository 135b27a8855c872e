package org.byoc.interaction.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonRequestBody;
import org.byoc.interaction.routing.PendingServiceRouting;
import org.byoc.interaction.routing.QueueEngine;
import org.byoc.interaction.routing.presence.AgentPresence;
import org.byoc.interaction.routing.presence.Presences;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.web.AdminEndpoint;

/**
 * Omni-Channel on the management port (admin token): an agent's presence (read and set, as the agent does in the
 * console), every agent's presence and load, and each queue with the conversations waiting in it, in order.
 */
@AdminEndpoint
@RequestMapping("/admin/api/orgs/{orgId}")
class AgentPresenceController {

	private static final Set<String> PRESENCE_FIELDS = Set.of("statusId", "status");

	private final Presences presences;

	private final QueueEngine queues;

	AgentPresenceController(Presences presences, QueueEngine queues) {
		this.presences = presences;
		this.queues = queues;
	}

	@GetMapping("/agents/{userId}/presence")
	AgentView presence(@PathVariable String orgId, @PathVariable String userId) {
		return view(orgId, this.presences.presence(orgId, userId));
	}

	/**
	 * Sets the agent's presence: {@code {"statusId": "0N5..."}} (a presence status of the org), or
	 * {@code {"status": "<a status's name>"}}, {@code {"status": "Offline"}}.
	 */
	@PutMapping("/agents/{userId}/presence")
	AgentView changePresence(@PathVariable String orgId, @PathVariable String userId,
			@RequestBody(required = false) byte[] body) {
		String statusId = statusId(orgId, body);
		return view(orgId, this.presences.change(orgId, userId, statusId));
	}

	/** Every user of the org: presence, capacity and capacity in use. */
	@GetMapping("/agents")
	AgentList agents(@PathVariable String orgId) {
		requireOrg(orgId);
		return new AgentList(this.queues.agents(orgId).stream().map(AgentView::of).toList());
	}

	/** Each queue with the routings waiting in it, position 1 first, and how many are offered to agents now. */
	@GetMapping("/queues")
	QueueList queues(@PathVariable String orgId) {
		requireOrg(orgId);
		List<QueueView> queues = new ArrayList<>();
		for (QueueEngine.QueueState queue : this.queues.queues(orgId)) {
			List<Waiting> waiting = new ArrayList<>();
			int position = 0;
			for (PendingServiceRouting psr : queue.waiting()) {
				waiting.add(new Waiting(++position, psr.id(), psr.workItemId(), psr.conversationIdentifier(),
						psr.channelDeveloperName(), psr.routingType().name(), psr.createdAt().toEpochMilli()));
			}
			queues.add(new QueueView(queue.queue().id(), queue.queue().name(), queue.queue().routingPriority(),
					queue.offered(), waiting));
		}
		return new QueueList(queues);
	}

	/** The status the body asks for (null: Offline), or a clear refusal; nothing is changed before it is known. */
	private String statusId(String orgId, byte[] body) {
		if (body == null || body.length == 0) {
			throw ErrorCode.REQUEST_BODY_MISSING
				.exception("Send {\"statusId\": \"0N5...\"}, {\"status\": \"<status name>\"} or {\"status\": \"Offline\"}.");
		}
		JsonNode tree = JsonRequestBody.parse(body).node();
		for (String field : tree.propertyNames()) {
			if (!PRESENCE_FIELDS.contains(field)) {
				throw ErrorCode.INVALID_PARAMETERS
					.exception("Unknown field '" + field + "': send statusId or status.");
			}
		}
		JsonNode id = tree.get("statusId");
		JsonNode name = tree.get("status");
		if ((id == null) == (name == null)) {
			throw ErrorCode.INVALID_PARAMETERS.exception("Send exactly one of statusId and status.");
		}
		JsonNode given = (id != null) ? id : name;
		if (!given.isString() || given.asString().isBlank()) {
			throw ErrorCode.INVALID_PARAMETERS
				.exception(((id != null) ? "statusId" : "status") + " must be a non-blank string.");
		}
		if (id != null) {
			return given.asString();
		}
		if (AgentPresence.OFFLINE.equals(given.asString())) {
			return null;
		}
		Org org = requireOrg(orgId);
		return org.presenceStatuses()
			.stream()
			.filter((status) -> status.name().equals(given.asString()))
			.map(Org.PresenceStatus::id)
			.findFirst()
			.orElseThrow(() -> ErrorCode.INVALID_PARAMETERS.exception("'" + given.asString()
					+ "' is neither Offline nor the name of a presence status of org " + org.key() + "."));
	}

	private Org requireOrg(String orgId) {
		return this.presences.org(orgId);
	}

	private AgentView view(String orgId, AgentPresence presence) {
		return this.queues.agents(orgId)
			.stream()
			.filter((agent) -> OrgIds.sameId(agent.user().id(), presence.userId()))
			.findFirst()
			.map(AgentView::of)
			.orElseThrow();
	}

	private static Long millis(Instant instant) {
		return (instant != null) ? instant.toEpochMilli() : null;
	}

	/** An agent's presence, capacity and capacity in use. */
	record AgentView(String userId, String status, String statusId, String kind, List<String> channels, int capacity,
			double capacityInUse, Long since) {

		static AgentView of(QueueEngine.AgentState agent) {
			AgentPresence presence = agent.presence();
			return new AgentView(agent.user().id(), presence.statusName(),
					(presence.status() != null) ? presence.status().id() : null, presence.kind(),
					(presence.status() != null) ? presence.status().channels() : List.of(), agent.capacity(),
					agent.load(), millis(presence.changedAt()));
		}

	}

	record AgentList(List<AgentView> agents) {
	}

	record QueueList(List<QueueView> queues) {
	}

	record QueueView(String queueId, String name, int routingPriority, int offered, List<Waiting> waiting) {
	}

	/** A routing waiting in a queue, position 1 first. */
	record Waiting(int position, String pendingServiceRoutingId, String workItemId, String conversationIdentifier,
			String channelDeveloperName, String routingType, long waitingSince) {
	}

}
