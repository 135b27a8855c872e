package org.byoc.interaction.journal;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
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
import org.byoc.interaction.setup.FaultRule;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.web.AdminEndpoint;

/**
 * An org's fault rules over the admin API: {@code GET/POST /admin/api/orgs/{orgId}/faults}, {@code DELETE} all or
 * one ({@code .../faults/{id}}). A rule is written as in the setup's {@code faults:} (docs/testing.md).
 */
@AdminEndpoint
@RequestMapping("/admin/api/orgs/{orgId}/faults")
final class FaultAdminController {

	private final SetupDirectory setup;

	private final FaultInjector faults;

	private final JsonMapper json;

	FaultAdminController(SetupDirectory setup, FaultInjector faults, JsonMapper json) {
		this.setup = setup;
		this.faults = faults;
		this.json = json;
	}

	@GetMapping
	FaultsView list(@PathVariable String orgId) {
		Org org = org(orgId);
		return new FaultsView(org.key(), this.faults.rules(org.key()).stream().map(FaultView::of).toList());
	}

	@PostMapping
	ResponseEntity<FaultView> add(@PathVariable String orgId, @RequestBody(required = false) byte @Nullable [] body) {
		Org org = org(orgId);
		if (body == null || body.length == 0) {
			throw ErrorCode.REQUEST_BODY_MISSING
				.exception("Send a fault rule, e.g. {\"path\": \"/api/v1/interactions\", \"times\": 2, \"code\": 10094}.");
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> fields = this.json.convertValue(JsonRequestBody.parse(body).node(), Map.class);
		FaultRule rule;
		try {
			rule = FaultRule.read("rule-" + (this.faults.rules(org.key()).size() + 1), fields);
		}
		catch (IllegalArgumentException ex) {
			throw ErrorCode.INVALID_PARAMETERS.exception("The fault rule is invalid: " + ex.getMessage());
		}
		this.faults.add(org.key(), rule);
		return ResponseEntity.status(HttpStatus.CREATED).body(FaultView.of(new FaultInjector.Rule(rule, "admin", 0)));
	}

	@DeleteMapping
	ResponseEntity<Void> clear(@PathVariable String orgId) {
		this.faults.clear(org(orgId).key());
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> remove(@PathVariable String orgId, @PathVariable String id) {
		if (!this.faults.remove(org(orgId).key(), id)) {
			throw ErrorCode.ENDPOINT_NOT_FOUND.exception("The org has no fault rule " + id + ".");
		}
		return ResponseEntity.noContent().build();
	}

	private Org org(String orgId) {
		return this.setup.org(orgId)
			.orElseThrow(() -> ErrorCode.ENDPOINT_NOT_FOUND.exception("No org " + orgId + " in the setup."));
	}

	record FaultsView(String orgId, List<FaultView> faults) {
	}

	/** A rule as set, where it came from ({@code setup} or {@code admin}) and how often it has acted. */
	record FaultView(String id, String source, int used, @Nullable String method, @Nullable String path,
			@Nullable String grpcMethod, @Nullable String conversationIdentifier, @Nullable Integer times,
			double probability, long seed, String action, int status, int code, String message,
			@Nullable Integer retryAfterSeconds, long latencyMillis, String grpcStatus) {

		static FaultView of(FaultInjector.Rule in) {
			FaultRule r = in.rule();
			return new FaultView(r.id(), in.source(), in.used(), r.method(), r.path(), r.grpcMethod(),
					r.conversationIdentifier(), r.times(), r.probability(), r.seed(), r.action().name(), r.status(),
					r.code(), r.message(), r.retryAfterSeconds(), r.latencyMillis(), r.grpcStatus());
		}

	}

}
