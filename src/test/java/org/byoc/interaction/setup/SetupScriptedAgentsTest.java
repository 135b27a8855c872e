package org.byoc.interaction.setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.setup.document.SetupDocumentReader;
import org.byoc.interaction.setup.document.SetupDocumentWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The setup key {@code scriptedAgents} (issue 17, §3): its rules, a file read from the setup's folder, the users it
 * declares, its refusals by key, and an export that reads back the same.
 */
class SetupScriptedAgentsTest {

	static final Path dir = SetupFiles.newTestDir("setup-scripted-agents");

	static final String acme = SetupFiles.read(SetupFiles.acmeSetup(dir));

	static final String scripted = acme.replace("    queues: [ { id: 00G5g000001AbCd, name: Support } ]",
			String.join("\n", "    queues: [ { id: 00G5g000001AbCd, name: Support } ]",
					"    scriptedAgents:",
					"      - userId: 0055g00000AgEnT",
					"        capacity: 2",
					"        queues: [00G5g000001AbCd]",
					"        replies:",
					"          - { pattern: \"(?i)order\", reply: Ships today., typingMillis: 800 }",
					"          - { pattern: invoice, file: files/invoice.pdf, reply: Here it is. }",
					"          - { sequence: [One., Two.] }",
					"          - { echo: true }",
					"        transfer: { afterMessages: 3, flowId: 3005g000000AbCd }",
					"        endAfterMessages: 4",
					"      - userId: 0055g00000RoBoT",
					"        replies: [ { echo: true } ]",
					"        endAfterIdleSeconds: 60"));

	final SetupDocumentReader reader = new SetupDocumentReader();

	static {
		try {
			Files.createDirectories(dir.resolve("files"));
			Files.writeString(dir.resolve("files/invoice.pdf"), "%PDF-1.4 invoice", StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void whenScriptedAgentsAreGivenThenTheOrgHasThemWithTheirUsersAndAnExportReadsBackTheSame() {
		Org org = this.reader.read(scripted, dir, "scripted.yaml").orgs().get(0);
		ScriptedAgent ada = org.scriptedAgent("0055g00000AgEnT").orElseThrow();
		assertThat(org.userById("0055g00000AgEnT").orElseThrow().capacity()).isEqualTo(2);
		assertThat(ada.queues()).containsExactly("00G5g000001AbCd");
		assertThat(ada.replyTo("Where is my ORDER?").orElseThrow().text("", 0)).isEqualTo("Ships today.");
		assertThat(ada.replyTo("Where is my ORDER?").orElseThrow().typingMillis()).isEqualTo(800);
		ScriptedAgent.Reply invoice = ada.replyTo("the invoice please").orElseThrow();
		assertThat(invoice.file()).isEqualTo("files/invoice.pdf");
		assertThat(Base64.getDecoder().decode(invoice.fileContent()))
			.isEqualTo("%PDF-1.4 invoice".getBytes(StandardCharsets.US_ASCII));
		ScriptedAgent.Reply sequence = ada.replyTo("hello").orElseThrow();
		assertThat(List.of(sequence.text("hello", 0), sequence.text("hello", 1), sequence.text("hello", 5)))
			.containsExactly("One.", "Two.", "Two.");
		assertThat(ada.transfer().isDue(3, "")).isTrue();
		assertThat(ada.transfer().isDue(2, "")).isFalse();
		assertThat(ada.endAfterMessages()).isEqualTo(4);

		ScriptedAgent robot = org.scriptedAgent("0055g00000RoBoT").orElseThrow();
		assertThat(robot.replyTo("anything").orElseThrow().text("anything", 0)).isEqualTo("anything");
		assertThat(robot.endAfterIdleSeconds()).isEqualTo(60);
		assertThat(org.userById("0055g00000RoBoT")).get()
			.satisfies((user) -> assertThat(user.username()).isEqualTo("0055g00000robot@scripted-agent.invalid"));

		Map<String, Object> exported = new SetupDocumentWriter().document(new SetupDocument(List.of(org)));
		String json = JsonMapper.builder().build().writeValueAsString(exported);
		assertThat(this.reader.read(json, Path.of("/nonexistent"), "export.json").orgs()).containsExactly(org);
	}

	@ParameterizedTest(name = "{2}")
	@CsvSource(delimiter = '|', textBlock = """
			endAfterMessages: 4                  | endAfterMessages: -1                   | orgs[0].scriptedAgents[0].endAfterMessages
			capacity: 2                          | colour: blue                           | orgs[0].scriptedAgents[0].colour
			{ echo: true } ]                     | { echo: true, reply: Hi } ]            | orgs[0].scriptedAgents[1].replies[0].reply
			pattern: invoice,                    | pattern: "(unclosed",                  | orgs[0].scriptedAgents[0].replies[1].pattern
			file: files/invoice.pdf              | file: files/missing.pdf                | orgs[0].scriptedAgents[0].replies[1].file
			flowId: 3005g000000AbCd              | flowId: 3005g000000NoNe                | orgs[0].scriptedAgents[0].transfer.flowId
			queues: [00G5g000001AbCd]            | queues: [00G5g000001NoNe]              | orgs[0].scriptedAgents[0].queues
			typingMillis: 800                    | typingMillis: 0                        | orgs[0].scriptedAgents[0].replies[0].typingMillis
			userId: 0055g00000RoBoT              | userId: 0055g00000AgEnT                | orgs[0].scriptedAgents[1].userId
			""")
	void whenAKeyIsWrongThenTheRefusalNamesIt(String original, String broken, String key) {
		String text = scripted.replace(original, broken);
		assertThat(text).isNotEqualTo(scripted);
		assertThatThrownBy(() -> this.reader.read(text, dir, "scripted.yaml"))
			.isInstanceOfSatisfying(SetupValidationException.class, (ex) -> assertThat(ex.key()).isEqualTo(key));
	}

}
