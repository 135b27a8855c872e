package org.byoc.interaction.agent.simulator;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonRequestBody;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupAdministration;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.setup.document.SetupDocumentWriter;
import org.byoc.interaction.web.AdminEndpoint;

/**
 * An org's scripted agents over the admin API: {@code GET} lists them as the setup file writes them, {@code PUT}
 * {@code {"scriptedAgents": [...]}} replaces the list (the setup file's keys, checked like an applied setup, stored
 * with the org's setup so every node runs the same agents), {@code DELETE} removes them all.
 */
@AdminEndpoint
@RequestMapping("/admin/api/orgs/{orgId}/scripted-agents")
class ScriptedAgentsAdminController {

	static final String KEY = "scriptedAgents";

	private final SetupDirectory directory;

	private final SetupAdministration administration;

	private final JsonMapper json;

	private final SetupDocumentWriter writer = new SetupDocumentWriter();

	ScriptedAgentsAdminController(SetupDirectory directory, SetupAdministration administration, JsonMapper json) {
		this.directory = directory;
		this.administration = administration;
		this.json = json;
	}

	@GetMapping
	ScriptedAgentList list(@PathVariable String orgId) {
		return view(org(orgId));
	}

	@PutMapping
	ScriptedAgentList replace(@PathVariable String orgId, @RequestBody(required = false) byte[] body) {
		Org org = org(orgId);
		if (body == null || body.length == 0) {
			throw ErrorCode.REQUEST_BODY_MISSING.exception("Send {\"scriptedAgents\": [...]}.");
		}
		JsonNode agents = JsonRequestBody.parse(body).raw(KEY);
		if (agents == null || !agents.isArray()) {
			throw ErrorCode.INVALID_PARAMETERS.exception("scriptedAgents is required: a list of scripted agents.");
		}
		Object list = this.json.treeToValue(agents, Object.class);
		return view(this.administration.updateOrg(org.key(), (tree) -> {
			tree.put(KEY, list);
			return tree;
		}, "PUT /admin/api/orgs/" + org.key() + "/scripted-agents"));
	}

	@DeleteMapping
	ResponseEntity<Void> delete(@PathVariable String orgId) {
		Org org = org(orgId);
		this.administration.updateOrg(org.key(), (tree) -> {
			tree.remove(KEY);
			return tree;
		}, "DELETE /admin/api/orgs/" + org.key() + "/scripted-agents");
		return ResponseEntity.noContent().build();
	}

	private Org org(String orgId) {
		return this.directory.org(orgId)
			.orElseThrow(() -> ErrorCode.ENDPOINT_NOT_FOUND.exception("No org " + orgId + " in the setup."));
	}

	@SuppressWarnings("unchecked")
	private ScriptedAgentList view(Org org) {
		Object agents = this.writer.org(org).get(KEY);
		return new ScriptedAgentList(org.key(),
				(agents instanceof List<?> list) ? (List<Map<String, Object>>) list : List.of());
	}

	/** The org's scripted agents, keyed as in the setup file. */
	record ScriptedAgentList(String orgId, List<Map<String, Object>> scriptedAgents) {
	}

}
