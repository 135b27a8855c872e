package org.byoc.interaction.setup.document;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDocument;
import org.byoc.interaction.setup.SetupFiles;
import org.byoc.interaction.setup.SetupValidationException;

class SetupDocumentReaderTest {

	static final Path dir = SetupFiles.newTestDir("setup-reader");

	static final String acme = SetupFiles.read(SetupFiles.acmeSetup(dir));

	final SetupDocumentReader reader = new SetupDocumentReader();

	@ParameterizedTest(name = "{2}")
	@CsvSource(delimiter = '|', textBlock = """
			name: Acme                                  | nme: Acme                                | orgs[0].nme
			id: 00D5g000004SWbyEAG                      | id: 00D5g                                | orgs[0].id
			certificate: certs/server.crt               | certificate: certs/missing.crt           | orgs[0].connectedApps[0].certificate
			preAuthorizedUsers: [integration@acme.example] | preAuthorizedUsers: [nobody@acme.example] | orgs[0].connectedApps[0].preAuthorizedUsers[0]
			connectedApp: 3MVG9_acme_partner_app        | connectedApp: 3MVG9_other                | orgs[0].channels[0].connectedApp
			routingOwner: Partner                       | routingOwner: Vendor                     | orgs[0].channels[0].routingOwner
			routing: { queueId: 00G5g000001AbCd }       | routing: { queueId: 00G5g000009ZzZz }    | orgs[0].channels[0].routing.queueId
			channelVariables: { orderNumber: 40 }       | channelVariables: { orderNumber: -1 }    | orgs[0].channels[0].channelVariables.orderNumber
			name: BYOC_Outbound__e                      | name: BYOC_Outbound                      | orgs[0].channels[0].outboundEvent.name
			eventTypeField: EventType__c                | eventTypeFeld: EventType__c              | orgs[0].channels[0].outboundEvent.eventTypeFeld
			supportsKeywords: false                     | supportsKeywords: maybe                  | orgs[0].channels[0].supportsKeywords
			""")
	void whenAKeyIsWrongThenTheRefusalNamesTheFileAndTheKey(String original, String broken, String key) {
		String text = acme.replace(original, broken);
		assertThat(text).isNotEqualTo(acme);
		assertThatThrownBy(() -> this.reader.read(text, dir, "acme-setup.yaml"))
			.isInstanceOfSatisfying(SetupValidationException.class, (ex) -> {
				assertThat(ex.source()).isEqualTo("acme-setup.yaml");
				assertThat(ex.key()).isEqualTo(key);
				assertThat(ex.getMessage()).startsWith("acme-setup.yaml: " + key + ": ");
			});
	}

	@Test
	void whenTheDocumentIsNotYamlThenTheRefusalSaysSo() {
		assertThatThrownBy(() -> this.reader.read("orgs: [ {", dir, "broken.yaml"))
			.isInstanceOf(SetupValidationException.class)
			.hasMessageStartingWith("broken.yaml: (document): is not valid YAML or JSON");
	}

	@Test
	void whenTwoOrgsShareAConsumerKeyThenItIsRefused() {
		String second = acme.substring(acme.indexOf("  - id:")).replace("00D5g000004SWbyEAG", "00D5g000004ZZZZEAG");
		assertThatThrownBy(() -> this.reader.read(acme + second, dir, "two.yaml"))
			.hasMessageContaining("consumer key 3MVG9_acme_partner_app is used by two apps");
	}

	@Test
	void whenOptionalListsAreOmittedThenTheOrgStillLoads() {
		String minimal = """
				orgs:
				  - id: 00D5g000004MINIEAG
				    name: Minimal
				""";
		SetupDocument document = this.reader.read(minimal, dir, "minimal.yaml");
		assertThat(document.orgs()).singleElement().satisfies((org) -> {
			assertThat(org.channels()).isEmpty();
			assertThat(org.features()).isEqualTo(Org.OrgFeatures.ALL);
		});
	}

	@Test
	void whenTheDocumentIsJsonThenItLoadsLikeYaml() {
		SetupDocument document = this.reader.read("{\"orgs\":[{\"id\":\"00D5g000004JSONEAG\",\"name\":\"Json\"}]}", dir,
				"setup.json");
		assertThat(document.orgs().get(0).key()).isEqualTo("00D5g000004JSON");
	}

}
