package org.byoc.interaction.setup;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.byoc.interaction.setup.document.SetupDocumentReader;
import org.byoc.interaction.setup.document.SetupDocumentWriter;

/** Bring-your-own-bot integrations and the history feature switch in the setup file: loading, refusals, export. */
class SetupBotIntegrationsTest {

	static final Path dir = SetupFiles.newTestDir("setup-bots");

	static final String acme = SetupFiles.read(SetupFiles.acmeSetup(dir));

	static final String withBots = acme.replace("    name: Acme\n", """
			    name: Acme
			    features: { historyMessagingSession: false }
			""") + """
			    botIntegrations:
			      - developerName: Partner_ExtConvParticipantIntegDef
			        connectedApp: 3MVG9_acme_partner_app
			        channels: [Partner_ChannelDefinition]
			        bots:
			          - { id: 0Xx5g000000AbCd, name: Order Bot, active: true }
			          - { id: retired-bot, name: Retired Bot, active: false }
			          - { id: 0Xx5g000000DfLt, name: Default Bot }
			""";

	final SetupDocumentReader reader = new SetupDocumentReader();

	final SetupDocumentWriter writer = new SetupDocumentWriter();

	@Test
	void whenAnOrgHasBotIntegrationsThenTheyLoadWithTheirBotsAndChannels() {
		Org org = this.reader.read(withBots, dir, "bots.yaml").orgs().get(0);
		BotIntegration integration = org.botIntegration("Partner_ExtConvParticipantIntegDef").orElseThrow();
		assertThat(integration.connectedApp()).isEqualTo("3MVG9_acme_partner_app");
		assertThat(integration.allowsChannel("Partner_ChannelDefinition")).isTrue();
		assertThat(integration.allowsChannel("Other_ChannelDefinition")).isFalse();
		assertThat(integration.bot("0Xx5g000000AbCd").orElseThrow().active()).isTrue();
		assertThat(integration.bot("retired-bot").orElseThrow().active()).isFalse();
		assertThat(integration.bot("0Xx5g000000DfLt").orElseThrow().active()).as("active by default").isTrue();
		assertThat(org.integrationOfBot("retired-bot")).contains(integration);
		assertThat(org.integrationOfBot("unknown")).isEmpty();
		assertThat(org.features().historyMessagingSession()).isFalse();
		assertThat(org.features().ccaas()).isTrue();
	}

	@Test
	void whenAnOrgWithBotIntegrationsIsExportedThenTheExportReadsBackAsTheSameOrg() {
		SetupDocument document = this.reader.read(withBots, dir, "bots.yaml");
		Map<String, Object> tree = this.writer.document(document);
		String yaml = YAMLMapper.builder().build().writeValueAsString(tree);
		assertThat(yaml).contains("botIntegrations:").contains("historyMessagingSession: false");
		assertThat(this.reader.read(yaml, dir, "export.yaml")).isEqualTo(document);
		String json = JsonMapper.builder().build().writeValueAsString(tree);
		assertThat(this.reader.read(json, dir, "export.json")).isEqualTo(document);
	}

	@Test
	void whenAnOrgHasNoBotIntegrationsThenTheExportDoesNotMentionThem() {
		SetupDocument document = this.reader.read(acme, dir, "acme.yaml");
		Map<String, Object> org = this.writer.org(document.orgs().get(0));
		assertThat(org).doesNotContainKey("botIntegrations");
		assertThat(((Map<?, ?>) org.get("features")).containsKey("historyMessagingSession")).isFalse();
		assertThat(document.orgs().get(0).botIntegrations()).isEmpty();
		assertThat(document.orgs().get(0).features().historyMessagingSession()).isTrue();
	}

	@ParameterizedTest(name = "{2}")
	@CsvSource(delimiter = '|', textBlock = """
			developerName: Partner_ExtConvParticipantIntegDef | developerName: Partner_ChannelDefinition | orgs[0].botIntegrations[0].developerName
			connectedApp: 3MVG9_acme_partner_app\\n        channels | connectedApp: 3MVG9_other\\n        channels | orgs[0].botIntegrations[0].connectedApp
			channels: [Partner_ChannelDefinition]               | channels: [Other_ChannelDefinition]         | orgs[0].botIntegrations[0].channels[0]
			channels: [Partner_ChannelDefinition]               | channels: []                                | orgs[0].botIntegrations[0].channels
			id: retired-bot                                     | id: 0Xx5g000000AbCd                         | orgs[0].botIntegrations[0].bots[1].id
			active: false                                       | active: sometimes                           | orgs[0].botIntegrations[0].bots[1].active
			name: Retired Bot                                   | nme: Retired Bot                            | orgs[0].botIntegrations[0].bots[1].nme
			connectedApp: 3MVG9_acme_partner_app\\n        channels | connectedApp: 3MVG9_acme_partner_app\\n        botId: x\\n        channels | orgs[0].botIntegrations[0].botId
			historyMessagingSession: false                      | historyMessagingSession: no                 | orgs[0].features.historyMessagingSession
			""")
	void whenABotIntegrationKeyIsWrongThenTheRefusalNamesTheKey(String original, String broken, String key) {
		String text = withBots.replace(original.replace("\\n", "\n"), broken.replace("\\n", "\n"));
		assertThat(text).isNotEqualTo(withBots);
		assertThatThrownBy(() -> this.reader.read(text, dir, "bots.yaml"))
			.isInstanceOfSatisfying(SetupValidationException.class, (ex) -> assertThat(ex.key()).isEqualTo(key));
	}

	@Test
	void whenABotIntegrationHasNoBotsThenItIsRefused() {
		String text = withBots.substring(0, withBots.indexOf("        bots:"));
		assertThatThrownBy(() -> this.reader.read(text, dir, "bots.yaml"))
			.isInstanceOfSatisfying(SetupValidationException.class,
					(ex) -> assertThat(ex.key()).isEqualTo("orgs[0].botIntegrations[0].bots"));
	}

}
