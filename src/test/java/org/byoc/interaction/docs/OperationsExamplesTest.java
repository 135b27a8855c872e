package org.byoc.interaction.docs;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.byoc.interaction.setup.maintenance.OrgMaintenance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs docs/operations.md's admin-token and maintenance examples exactly as printed, with bash and curl against
 * the demo org; only the ports differ.
 */
class OperationsExamplesTest extends DemoOrgDocsTestBase {

	@Autowired
	OrgMaintenance maintenance;

	@Test
	void whenTheAdminTokenExamplesRunAsPrintedThenTheSetupGoesOutAndBackUnchangedAndMetricsAreServed()
			throws Exception {
		String script = DocBlocks.script(DocSection.ADMIN_TOKEN);
		assertThat(script).contains("--ttl 30m", "/admin/api/setup", "/actuator/prometheus");

		String output = run(script);

		assertThat(output).contains("Usage: ./generate_admin_key.sh")
			.contains("\"id\":\"00D5g000004SWbyEAG\"")
			.contains("\"unchangedOrgs\":[\"00D5g000004SWby\"]")
			.contains("# TYPE jvm_memory_used_bytes gauge")
			.doesNotContain("\"code\":");
		assertThat(Files.readString(checkout.resolve("setup.yaml"))).contains("00D5g000004SWbyEAG");
	}

	@Test
	void whenTheMaintenanceExamplesRunAsPrintedThenTheOrgWasReadOnlyAndIsNoLonger() throws Exception {
		String script = "ADMIN_TOKEN=$(./generate_admin_key.sh)\n" + DocBlocks.script(DocSection.MAINTENANCE);

		String output = run(script);

		assertThat(output).contains("\"readOnly\":true").contains("\"message\":\"Org migration\"");
		assertThat(this.maintenance.readOnly(ORG)).isEmpty();
	}

}
