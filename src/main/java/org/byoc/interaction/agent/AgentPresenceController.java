package org.byoc.interaction.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.contract.ErrorCode;
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

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> PRESENCE_FIELDS = Set.of("statusId", "status");

	private final Presences presences;

	private final QueueEngine queues;

	AgentPresenceController(Presences presences, QueueEngine queues) {
		this.presences = presences;
		this.queues = queues;
	}

	@GetMapping("/agents/{userId}/presence")
	Map<String, Object> presence(@PathVariable String orgId, @PathVariable String userId) {
		return view(orgId, this.presences.presence(orgId, userId));
	}

	/**
	 * Sets the agent's presence: {@code {"statusId": "0N5..."}} (a presence status of the org), or
	 * {@code {"status": "<a status's name>"}}, {@code {"status": "Offline"}}.
	 */
	@PutMapping("/agents/{userId}/presence")
	Map<String, Object> changePresence(@PathVariable String orgId, @PathVariable String userId,
			@RequestBody(required = false) byte[] body) {
		String statusId = statusId(orgId, body);
		return view(orgId, this.presences.change(orgId, userId, statusId));
	}

	/** Every user of the org: presence, capacity and capacity in use. */
	@GetMapping("/agents")
	Map<String, Object> agents(@PathVariable String orgId) {
		requireOrg(orgId);
		List<Map<String, Object>> agents = new ArrayList<>();
		for (QueueEngine.AgentState agent : this.queues.agents(orgId)) {
			agents.add(view(agent));
		}
		return Map.of("agents", agents);
	}

	/** Each queue with the routings waiting in it, position 1 first, and how many are offered to agents now. */
	@GetMapping("/queues")
	Map<String, Object> queues(@PathVariable String orgId) {
		requireOrg(orgId);
		List<Map<String, Object>> queues = new ArrayList<>();
		for (QueueEngine.QueueState queue : this.queues.queues(orgId)) {
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("queueId", queue.queue().id());
			view.put("name", queue.queue().name());
			view.put("routingPriority", queue.queue().routingPriority());
			view.put("offered", queue.offered());
			List<Map<String, Object>> waiting = new ArrayList<>();
			int position = 0;
			for (PendingServiceRouting psr : queue.waiting()) {
				Map<String, Object> item = new LinkedHashMap<>();
				item.put("position", ++position);
				item.put("pendingServiceRoutingId", psr.id());
				item.put("workItemId", psr.workItemId());
				item.put("conversationIdentifier", psr.conversationIdentifier());
				item.put("channelDeveloperName", psr.channelDeveloperName());
				item.put("routingType", psr.routingType().name());
				item.put("waitingSince", psr.createdAt().toEpochMilli());
				waiting.add(item);
			}
			view.put("waiting", waiting);
			queues.add(view);
		}
		return Map.of("queues", queues);
	}

	/** The status the body asks for (null: Offline), or a clear refusal; nothing is changed before it is known. */
	private String statusId(String orgId, byte[] body) {
		if (body == null || body.length == 0) {
			throw ErrorCode.REQUEST_BODY_MISSING
				.exception("Send {\"statusId\": \"0N5...\"}, {\"status\": \"<status name>\"} or {\"status\": \"Offline\"}.");
		}
		JsonNode tree;
		try {
			tree = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw ErrorCode.INVALID_PARAMETERS.exception("The body is not valid JSON: " + ex.getOriginalMessage());
		}
		if (tree == null || !tree.isObject()) {
			throw ErrorCode.INVALID_PARAMETERS.exception("The body must be a JSON object.");
		}
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

	private Map<String, Object> view(String orgId, AgentPresence presence) {
		return this.queues.agents(orgId)
			.stream()
			.filter((agent) -> OrgIds.sameId(agent.user().id(), presence.userId()))
			.findFirst()
			.map(AgentPresenceController::view)
			.orElseThrow();
	}

	private static Map<String, Object> view(QueueEngine.AgentState agent) {
		AgentPresence presence = agent.presence();
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("userId", agent.user().id());
		view.put("status", presence.statusName());
		view.put("statusId", (presence.status() != null) ? presence.status().id() : null);
		view.put("kind", presence.kind());
		view.put("channels", (presence.status() != null) ? presence.status().channels() : List.of());
		view.put("capacity", agent.capacity());
		view.put("capacityInUse", agent.load());
		view.put("since", millis(presence.changedAt()));
		return view;
	}

	private static Long millis(Instant instant) {
		return (instant != null) ? instant.toEpochMilli() : null;
	}

}
