package org.byoc.interaction.pubsub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonRequestBody;
import org.byoc.interaction.setup.ManagedSubscription;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupAdministration;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.web.AdminEndpoint;

/**
 * An org's managed Pub/Sub subscriptions over the admin API (management port, admin token): list them with the
 * replay id each last committed, create one (the same keys as in the setup file; it becomes part of the org's
 * setup), delete one (its committed position goes with it).
 */
@AdminEndpoint
@RequestMapping("/admin/api/orgs/{orgId}/managedSubscriptions")
class ManagedSubscriptionAdminController {

	private static final String KEY = "managedSubscriptions";

	private final SetupDirectory directory;

	private final SetupAdministration administration;

	private final ManagedSubscriptionCommits commits;

	private final JsonMapper json;

	ManagedSubscriptionAdminController(SetupDirectory directory, SetupAdministration administration,
			ManagedSubscriptionCommits commits, JsonMapper json) {
		this.json = json;
		this.directory = directory;
		this.administration = administration;
		this.commits = commits;
	}

	@GetMapping
	SubscriptionList list(@PathVariable String orgId) {
		Org org = org(orgId);
		Map<String, ManagedSubscriptionCommits.Commit> committed = this.commits.committed(org.key());
		return new SubscriptionList(
				org.managedSubscriptions().stream().map((m) -> view(m, committed.get(m.id()))).toList());
	}

	@GetMapping("/{idOrName}")
	SubscriptionView get(@PathVariable String orgId, @PathVariable String idOrName) {
		Org org = org(orgId);
		ManagedSubscription subscription = subscription(org, idOrName);
		return view(subscription, this.commits.committed(org.key(), subscription.id()).orElse(null));
	}

	/** {@code {"developerName", "topicName", "state"?, "defaultReplay"?, "errorRecoveryReplay"?, "label"?}}. */
	@PostMapping
	ResponseEntity<SubscriptionView> create(@PathVariable String orgId,
			@RequestBody(required = false) byte[] body) {
		Map<String, Object> fields = object(body);
		Org org = org(orgId);
		Org applied = this.administration.updateOrg(org.key(), (tree) -> {
			List<Object> subscriptions = new ArrayList<>(list(tree.get(KEY)));
			subscriptions.add(fields);
			tree.put(KEY, subscriptions);
			return tree;
		}, "POST /admin/api/orgs/" + org.key() + "/managedSubscriptions");
		String developerName = String.valueOf(fields.get("developerName")).trim();
		ManagedSubscription created = applied.managedSubscription(developerName).orElseThrow();
		return ResponseEntity.status(HttpStatus.CREATED).body(view(created, null));
	}

	@DeleteMapping("/{idOrName}")
	ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String idOrName) {
		Org org = org(orgId);
		ManagedSubscription subscription = subscription(org, idOrName);
		this.administration.updateOrg(org.key(), (tree) -> {
			List<Object> kept = new ArrayList<>();
			for (Object item : list(tree.get(KEY))) {
				if (!(item instanceof Map<?, ?> map && subscription.id().equals(map.get("id")))) {
					kept.add(item);
				}
			}
			tree.put(KEY, kept);
			return tree;
		}, "DELETE /admin/api/orgs/" + org.key() + "/managedSubscriptions/" + idOrName);
		this.commits.forget(org.key(), subscription.id());
		return ResponseEntity.noContent().build();
	}

	private Org org(String orgId) {
		return this.directory.org(orgId)
			.orElseThrow(() -> ErrorCode.ENDPOINT_NOT_FOUND.exception("No org " + orgId + " in the setup."));
	}

	private static ManagedSubscription subscription(Org org, String idOrName) {
		return org.managedSubscription(idOrName)
			.orElseThrow(() -> ErrorCode.ENDPOINT_NOT_FOUND
				.exception("No managed subscription " + idOrName + " in org " + org.key() + "."));
	}

	private Map<String, Object> object(byte[] body) {
		if (body == null || body.length == 0) {
			throw ErrorCode.REQUEST_BODY_MISSING.exception("Send the managed subscription as a JSON object: "
					+ "{\"developerName\": ..., \"topicName\": ...}.");
		}
		Object value = this.json.treeToValue(JsonRequestBody.parse(body).node(), Object.class);
		if (!(value instanceof Map<?, ?> map)) {
			throw ErrorCode.INVALID_PARAMETERS.exception("The body must be a JSON object.");
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		map.forEach((key, field) -> fields.put(String.valueOf(key), field));
		if (fields.containsKey("id")) {
			throw ErrorCode.INVALID_PARAMETERS.exception("id is assigned by the service; leave it out.");
		}
		if (!(fields.get("developerName") instanceof String)) {
			throw ErrorCode.INVALID_PARAMETERS.exception("developerName is required (text).");
		}
		return fields;
	}

	private static List<?> list(Object value) {
		return (value instanceof List<?> items) ? items : List.of();
	}

	static SubscriptionView view(ManagedSubscription subscription, ManagedSubscriptionCommits.Commit committed) {
		return new SubscriptionView(subscription.id(), subscription.developerName(), subscription.label(),
				subscription.topicName(), subscription.state().name(), subscription.defaultReplay().name(),
				subscription.errorRecoveryReplay().name(), (committed != null) ? committed.replayId() : null,
				(committed != null) ? committed.committedAt() : null);
	}

	record SubscriptionList(List<SubscriptionView> managedSubscriptions) {
	}

	/** A managed subscription and where its subscriber last committed (null before its first commit). */
	record SubscriptionView(String id, String developerName, String label, String topicName, String state,
			String defaultReplay, String errorRecoveryReplay, Long committedReplayId, Long committedAt) {
	}

}
