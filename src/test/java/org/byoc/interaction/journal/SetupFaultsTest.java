package org.byoc.interaction.journal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults declared in a setup document (the YAML of the setup file, applied over the admin API as the file is at
 * start) act on the org's real traffic and list as the setup's rules. Org A's setup is restored afterwards.
 */
class SetupFaultsTest extends JournalTestBase {

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	@Test
	void whenTheSetupDeclaresAFaultThenTheOrgsCallsMeetItAndTheRuleListsAsTheSetups() {
		PartnerFixture.App app = fixture.partnerA();
		String token = accessToken(app);
		ObjectNode original = orgA();
		ObjectNode withFaults = original.deepCopy();
		withFaults.putArray("faults")
			.addObject()
			.put("id", "yaml-503")
			.put("method", "POST")
			.put("path", "/api/v1/interactions")
			.put("times", 1)
			.put("code", 10094);
		try {
			applyYaml(withFaults);

			HttpResponse<String> faulted = message(app, token, endUser());
			HttpResponse<String> served = message(app, token, endUser());

			assertThat(faulted.statusCode()).as(faulted.body()).isEqualTo(503);
			assertThat(json(faulted).get("code").asInt()).isEqualTo(10094);
			assertThat(served.statusCode()).as(served.body()).isEqualTo(202);
			JsonNode rules = json(admin("GET", "/admin/api/orgs/" + PartnerFixture.ORG_A_KEY + "/faults", null));
			assertThat(rules.get("faults")).singleElement().satisfies((rule) -> {
				assertThat(rule.get("id").asString()).isEqualTo("yaml-503");
				assertThat(rule.get("source").asString()).isEqualTo("setup");
				assertThat(rule.get("used").asInt()).isEqualTo(1);
			});
			assertThat(count(PartnerFixture.ORG_A_KEY, "{\"finding\": \"yaml-503\"}")).isEqualTo(1);
		}
		finally {
			applyYaml(original);
		}
	}

	private ObjectNode orgA() {
		for (JsonNode org : json(admin("GET", "/admin/api/setup", null)).get("orgs")) {
			if (org.get("id").asString().startsWith(PartnerFixture.ORG_A_KEY)) {
				return (ObjectNode) org;
			}
		}
		throw new AssertionError("org A is not in the setup");
	}

	private void applyYaml(ObjectNode org) {
		ObjectNode document = YAML.createObjectNode();
		document.putArray("orgs").add(org);
		HttpResponse<String> applied = send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.managementPort + "/admin/api/setup"))
			.header("Authorization", "Bearer " + fixture.adminToken())
			.header("Content-Type", "application/yaml")
			.PUT(HttpRequest.BodyPublishers.ofString(YAML.writeValueAsString(document)))
			.build());
		assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
	}

}
