package org.byoc.interaction.docs;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.byoc.interaction.setup.ManagedSubscription;
import org.byoc.interaction.setup.SetupDirectory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs docs/api-tour.md's managed-subscription examples exactly as printed (after the README tour's "Get a token"
 * block), with bash and curl against the demo org; only the ports differ.
 */
class ManagedSubscriptionExamplesTest extends DemoOrgDocsTestBase {

	@Autowired
	SetupDirectory setup;

	@Test
	void whenTheManagedSubscriptionExamplesRunAsPrintedThenTheSubscriptionExistsAndTheToolingQueryFindsIt()
			throws Exception {
		String script = DocBlocks.tokenBlock() + "\n" + DocBlocks.script(DocSection.MANAGED_SUBSCRIPTION);

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

}
