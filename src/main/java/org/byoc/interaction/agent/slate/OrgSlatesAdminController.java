package org.byoc.interaction.agent.slate;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonRequestBody;
import org.byoc.interaction.web.AdminEndpoint;

/**
 * Clean slates over the admin API: {@code POST /reset} empties the org's state (its setup stays),
 * {@code POST /snapshots {"name": ...}} takes a snapshot, {@code GET /snapshots} lists them,
 * {@code POST /snapshots/{name}/restore} puts one back, {@code DELETE /snapshots/{name}} forgets it.
 */
@AdminEndpoint
@RequestMapping("/admin/api/orgs/{orgId}")
class OrgSlatesAdminController {

	private final OrgSlates slates;

	OrgSlatesAdminController(OrgSlates slates) {
		this.slates = slates;
	}

	@PostMapping("/reset")
	OrgSlates.Reset reset(@PathVariable String orgId) {
		return this.slates.reset(orgId);
	}

	@PostMapping("/snapshots")
	@ResponseStatus(HttpStatus.CREATED)
	OrgSlates.Snapshot snapshot(@PathVariable String orgId, @RequestBody(required = false) byte[] body) {
		if (body == null || body.length == 0) {
			throw ErrorCode.REQUEST_BODY_MISSING.exception("Send {\"name\": \"<snapshot name>\"}.");
		}
		return this.slates.snapshot(orgId, JsonRequestBody.parse(body).string("name"));
	}

	@GetMapping("/snapshots")
	SnapshotList list(@PathVariable String orgId) {
		return new SnapshotList(this.slates.list(orgId));
	}

	@PostMapping("/snapshots/{name}/restore")
	OrgSlates.Restored restore(@PathVariable String orgId, @PathVariable String name) {
		return this.slates.restore(orgId, name);
	}

	@DeleteMapping("/snapshots/{name}")
	ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String name) {
		this.slates.delete(orgId, name);
		return ResponseEntity.noContent().build();
	}

	record SnapshotList(List<SnapshotRepository.Listed> snapshots) {
	}

}
