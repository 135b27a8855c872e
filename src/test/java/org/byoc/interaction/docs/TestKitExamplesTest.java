package org.byoc.interaction.docs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs docs/testing.md's test kit examples (journal, verification count, strict switch, fault rules) exactly as
 * printed, with bash and curl against the demo org; only the ports differ. The org is made lenient again after.
 */
class TestKitExamplesTest extends DemoOrgDocsTestBase {

	@Test
	void whenTheTestKitExamplesRunAsPrintedThenTheJournalAnswersAndTheFaultRuleComesAndGoes() throws Exception {
		String script = "ADMIN_TOKEN=$(./generate_admin_key.sh)\n" + DocBlocks.script(DocSection.TEST_KIT)
				+ "\ncurl -s -X PUT -H \"Authorization: Bearer $ADMIN_TOKEN\" -H \"Content-Type: application/json\" "
				+ "-d '{\"strict\": false}' http://localhost:7080/admin/api/orgs/00D5g000004SWby/strict\n";

		String output = run(script);

		assertThat(output).contains("\"journalEnabled\":true")
			.contains("{\"count\":0}")
			.contains("{\"orgId\":\"00D5g000004SWby\",\"strict\":true}")
			.contains("\"id\":\"two-503\"")
			.contains("\"status\":503")
			.contains("\"used\":0")
			.contains("{\"orgId\":\"00D5g000004SWby\",\"strict\":false}")
			.doesNotContain("\"code\":10089");
	}

}
