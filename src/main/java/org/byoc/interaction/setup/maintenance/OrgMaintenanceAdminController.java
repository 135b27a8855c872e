package org.byoc.interaction.setup.maintenance;

import java.time.Duration;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;
import org.byoc.interaction.contract.JsonRequestBody;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.web.AdminEndpoint;

/**
 * Read-only maintenance of an org over the admin API (management port, admin token):
 * {@code PUT {"readOnly": true, "message": "...", "retryAfterSeconds": 300}} starts it (or changes it),
 * {@code {"readOnly": false}} or {@code DELETE} ends it, {@code GET} tells. While it lasts the partner API refuses
 * the org's writes with 10019.
 */
@AdminEndpoint
@RequestMapping("/admin/api/orgs/{orgId}/maintenance")
final class OrgMaintenanceAdminController {

	static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(5);

	private final SetupDirectory setup;

	private final OrgMaintenance maintenance;

	OrgMaintenanceAdminController(SetupDirectory setup, OrgMaintenance maintenance) {
		this.setup = setup;
		this.maintenance = maintenance;
	}

	@GetMapping
	MaintenanceView get(@PathVariable String orgId) {
		return view(org(orgId));
	}

	@PutMapping
	MaintenanceView put(@PathVariable String orgId, @RequestBody(required = false) byte[] body) {
		Org org = org(orgId);
		JsonFields fields = object(body);
		JsonNode readOnly = fields.raw("readOnly");
		if (readOnly == null || !readOnly.isBoolean()) {
			throw ErrorCode.INVALID_PARAMETERS.exception("readOnly is required: true or false.");
		}
		if (!readOnly.booleanValue()) {
			this.maintenance.end(org.key());
			return view(org);
		}
		JsonNode message = fields.raw("message");
		if (message != null && !message.isNull() && (!message.isString() || message.stringValue().length() > 1000)) {
			throw ErrorCode.INVALID_PARAMETERS.exception("message must be text of at most 1000 characters.");
		}
		JsonNode retryAfter = fields.raw("retryAfterSeconds");
		if (retryAfter != null && !retryAfter.isNull()
				&& (!retryAfter.isIntegralNumber() || retryAfter.asLong() < 1 || retryAfter.asLong() > 86_400)) {
			throw ErrorCode.INVALID_PARAMETERS.exception("retryAfterSeconds must be a whole number from 1 to 86400.");
		}
		this.maintenance.start(org.key(), (message != null && !message.isNull()) ? message.stringValue() : null,
				(retryAfter != null && !retryAfter.isNull()) ? Duration.ofSeconds(retryAfter.asLong())
						: DEFAULT_RETRY_AFTER);
		return view(org);
	}

	@DeleteMapping
	ResponseEntity<Void> delete(@PathVariable String orgId) {
		this.maintenance.end(org(orgId).key());
		return ResponseEntity.noContent().build();
	}

	private Org org(String orgId) {
		return this.setup.org(orgId)
			.orElseThrow(() -> ErrorCode.ENDPOINT_NOT_FOUND.exception("No org " + orgId + " in the setup."));
	}

	private MaintenanceView view(Org org) {
		OrgMaintenance.ReadOnly readOnly = this.maintenance.readOnly(org.key()).orElse(null);
		return new MaintenanceView(org.key(), readOnly != null, (readOnly != null) ? readOnly.message() : null,
				(readOnly != null) ? readOnly.retryAfter().toSeconds() : null,
				(readOnly != null) ? readOnly.since().toEpochMilli() : null);
	}

	/** The body through the one request reader; an empty one is told what to send. */
	private static JsonFields object(byte[] body) {
		if (body == null || body.length == 0) {
			throw ErrorCode.REQUEST_BODY_MISSING.exception("Send {\"readOnly\": true|false, \"message\": ..., "
					+ "\"retryAfterSeconds\": ...}.");
		}
		return JsonRequestBody.parse(body);
	}

	/** An org's maintenance state: the rest is null unless it is read-only. */
	record MaintenanceView(String orgId, boolean readOnly, String message, Long retryAfterSeconds, Long since) {
	}

}
