package org.byoc.interaction.setup.document;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.setup.FaultRule;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDocument;
import org.byoc.interaction.setup.SetupFiles;
import org.byoc.interaction.setup.SetupValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An org's test kit in the setup: {@code strict:} and {@code faults:}, read, refused by key, and written back. */
class TestKitSetupTest {

	static final Path dir = SetupFiles.newTestDir("setup-test-kit");

	private static final String SETUP = """
			orgs:
			  - id: 00D5g000004KITSEAG
			    name: Kit
			    strict: true
			    faults:
			      - { id: two-503, method: post, path: /api/v1/interactions, times: 2, code: 10094 }
			      - { path: /api/v1/*, probability: 0.25, seed: 42, code: 429 }
			      - { grpcMethod: Subscribe, times: 1, grpcStatus: unavailable }
			""";

	final SetupDocumentReader reader = new SetupDocumentReader();

	@Test
	void whenAnOrgDeclaresStrictAndFaultsThenTheyAreReadWithTheContractsDefaults() {
		Org org = this.reader.read(SETUP, dir, "kit.yaml").orgs().get(0);

		assertThat(org.testKit().strict()).isTrue();
		assertThat(org.testKit().faults()).hasSize(3);
		FaultRule first = org.testKit().faults().get(0);
		assertThat(first.id()).isEqualTo("two-503");
		assertThat(first.method()).isEqualTo("POST");
		assertThat(first.status()).isEqualTo(503);
		assertThat(first.retryAfterSeconds()).isEqualTo(1);
		FaultRule second = org.testKit().faults().get(1);
		assertThat(second.id()).isEqualTo("setup-2");
		assertThat(second.status()).isEqualTo(429);
		assertThat(second.seed()).isEqualTo(42);
		assertThat(org.testKit().faults().get(2).action()).isEqualTo(FaultRule.Action.abortStream);
		assertThat(org.testKit().faults().get(2).grpcStatus()).isEqualTo("UNAVAILABLE");
	}

	@Test
	void whenAFaultRuleIsWrongThenTheRefusalNamesItsKey() {
		assertThatThrownBy(() -> this.reader.read(SETUP.replace("times: 2", "tmes: 2"), dir, "kit.yaml"))
			.isInstanceOfSatisfying(SetupValidationException.class,
					(ex) -> assertThat(ex.getMessage()).contains("faults[0]").contains("tmes"));
		assertThatThrownBy(() -> this.reader.read(SETUP.replace("probability: 0.25", "probability: 2"), dir,
				"kit.yaml"))
			.isInstanceOfSatisfying(SetupValidationException.class,
					(ex) -> assertThat(ex.getMessage()).contains("faults[1]").contains("probability"));
		assertThatThrownBy(() -> this.reader.read(SETUP.replace("times: 1, grpcStatus",
				"conversationIdentifier: 6a2a3c2e-0cbb-4c47-a8d3-0d5f1f0d3c11, grpcStatus"), dir, "kit.yaml"))
			.isInstanceOfSatisfying(SetupValidationException.class,
					(ex) -> assertThat(ex.getMessage()).contains("faults[2]").contains("conversationIdentifier"));
	}

	@Test
	void whenTheSetupIsWrittenBackThenItReadsToTheSameTestKit() {
		SetupDocument document = this.reader.read(SETUP, dir, "kit.yaml");
		String written = JsonMapper.builder().build().writeValueAsString(new SetupDocumentWriter().document(document));

		SetupDocument again = this.reader.read(written, dir, "kit.json");

		assertThat(again.orgs().get(0).testKit()).isEqualTo(document.orgs().get(0).testKit());
	}

}
