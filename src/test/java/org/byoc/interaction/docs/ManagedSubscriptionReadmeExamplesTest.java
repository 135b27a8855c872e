package org.byoc.interaction.docs;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.byoc.interaction.setup.ManagedSubscription;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.setup.maintenance.OrgMaintenance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's managed-subscription and maintenance examples exactly as printed (after the "Get a token"
 * block), with bash and curl against the demo org; only the ports differ.
 */
class ManagedSubscriptionReadmeExamplesTest extends DemoOrgReadmeTestBase {

	@Autowired
	SetupDirectory setup;

	@Autowired
	OrgMaintenance maintenance;

	@Test
	void whenTheManagedSubscriptionExamplesRunAsPrintedThenTheSubscriptionExistsAndTheToolingQueryFindsIt()
			throws Exception {
		String script = ReadmeBlocks.tokenBlock() + "\n"
				+ String.join("\n", ReadmeBlocks.section("managed-subscription-examples"));

		String output = run(script);

		ManagedSubscription created = this.setup.org(ORG)
			.flatMap((org) -> org.managedSubscription("Partner_Durable_Consumer"))
			.orElseThrow();
		assertThat(created.defaultReplay()).isEqualTo(ManagedSubscription.Replay.EARLIEST);
		assertThat(output).contains("\"totalSize\":1")
			.contains("\"Id\":\"" + created.id())
			.contains("\"topicName\":\"/event/BYOC_Outbound__e\"")
			.contains("\"committedReplayId\":null")
			.doesNotContain("\"code\":");
	}

	@Test
	void whenTheMaintenanceExamplesRunAsPrintedThenTheOrgWasReadOnlyAndIsNoLonger() throws Exception {
		String script = "TOKEN=$(./generate_admin_key.sh)\n"
				+ String.join("\n", ReadmeBlocks.section("maintenance-examples"));

		String output = run(script);

		assertThat(output).contains("\"readOnly\":true").contains("\"message\":\"Org migration\"");
		assertThat(this.maintenance.readOnly(ORG)).isEmpty();
	}

}
