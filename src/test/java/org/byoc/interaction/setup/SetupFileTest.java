package org.byoc.interaction.setup;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.setup.Channel.OutboundEventDefinition.Structure;
import org.byoc.interaction.setup.Channel.Owner;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SetupFileTest {

	static final Path dir = SetupFiles.newTestDir("setup-file");

	static final Path file = SetupFiles.acmeSetup(dir);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("interactionservice.data-dir", () -> dir.resolve("data").toString());
		registry.add("interactionservice.setup-file", file::toString);
	}

	@Autowired
	SetupDirectory directory;

	@Autowired
	SetupAdministration administration;

	@Test
	void whenTheReadmeSetupFileIsGivenThenEveryPartCanBeLookedUp() {
		Org org = this.directory.org("00D5g000004SWby").orElseThrow();
		assertThat(org.id()).isEqualTo("00D5g000004SWbyEAG");
		assertThat(this.directory.org("00D5g000004SWbyEAG")).contains(org);
		assertThat(org.userByUsername("integration@acme.example")).isPresent();
		assertThat(org.userById("0055g00000AgEnT").orElseThrow().displayName()).isEqualTo("Ada Agent");
		assertThat(org.queue("00G5g000001AbCd")).isPresent();
		assertThat(org.flow("3005g000000AbCd")).isPresent();
		assertThat(org.features()).isEqualTo(Org.OrgFeatures.ALL);

		ConnectedApp app = this.directory.connectedApp("3MVG9_acme_partner_app").orElseThrow();
		assertThat(app.scopes()).containsExactly("interaction_api", "refresh_token", "offline_access");
		assertThat(app.isPreAuthorized("integration@acme.example")).isTrue();
		assertThat(app.isPreAuthorized("ada@acme.example")).isFalse();
		assertThat(Certificates.parse(app.certificatePem()).getSubjectX500Principal().getName()).contains("test app");

		Channel channel = this.directory.channel("00D5g000004SWby", "Partner_ChannelDefinition").orElseThrow();
		assertThat(channel.routingOwner()).isEqualTo(Owner.Partner);
		assertThat(channel.routing().queueId()).isEqualTo("00G5g000001AbCd");
		assertThat(channel.channelVariables()).containsEntry("orderNumber", 40);
		assertThat(channel.outboundEvent().structure()).isEqualTo(Structure.current);
		assertThat(channel.outboundEvent().topicName()).isEqualTo("/event/BYOC_Outbound__e");

		var address = this.directory.address("00D5g000004SWbyEAG", "b0ffeafe-0d89-4338-b14a-172ad203f22a")
			.orElseThrow();
		assertThat(address.channel().developerName()).isEqualTo("Partner_ChannelDefinition");
		assertThat(address.address().active()).isTrue();
		assertThat(this.directory.address("00D000000000001", "b0ffeafe-0d89-4338-b14a-172ad203f22a")).isEmpty();
	}

	@Test
	void whenTheSameFileIsAppliedAgainThenNothingChanges() {
		SetupDocument again = this.administration.parse(SetupFiles.read(file), dir, file.toString());
		SetupAdministration.ApplyResult result = this.administration.apply(again);
		assertThat(result.changedNothing()).isTrue();
		assertThat(result.unchangedOrgs()).containsExactly("00D5g000004SWby");
	}

	@Test
	void whenAnExportIsAppliedThenNothingChangesAndAChangedFileUpdatesOnlyWhatChanged() {
		SetupDocument exported = this.administration.export();
		assertThat(this.administration.apply(exported).changedNothing()).isTrue();

		String changed = SetupFiles.read(file).replace("name: Support", "name: Premium Support");
		SetupAdministration.ApplyResult result = this.administration
			.apply(this.administration.parse(changed, dir, "changed.yaml"));
		assertThat(result.updatedOrgs()).containsExactly("00D5g000004SWby");
		assertThat(this.directory.org("00D5g000004SWby").orElseThrow().queue("00G5g000001AbCd").orElseThrow().name())
			.isEqualTo("Premium Support");

		this.administration.apply(this.administration.parse(SetupFiles.read(file), dir, file.toString()));
		assertThat(this.directory.org("00D5g000004SWby").orElseThrow().queue("00G5g000001AbCd").orElseThrow().name())
			.isEqualTo("Support");
	}

}
