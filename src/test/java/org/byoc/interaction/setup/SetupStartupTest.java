package org.byoc.interaction.setup;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.byoc.interaction.InteractionServiceApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-ups of the whole application on one data directory: demo org, restart, and a bad setup file. */
class SetupStartupTest {

	@Test
	void whenNoSetupFileIsGivenThenTheDemoOrgIsCreatedOnceWithItsKeyAndCertificate() throws Exception {
		Path dataDir = SetupFiles.newTestDir("demo").resolve("data");
		String firstCertificate;
		try (ConfigurableApplicationContext context = start(dataDir, null)) {
			SetupDirectory directory = context.getBean(SetupDirectory.class);
			Org org = directory.org(DemoOrg.ORG_ID).orElseThrow();
			assertThat(org.channel(DemoOrg.CHANNEL)).isPresent();
			assertThat(directory.address(DemoOrg.ORG_ID, DemoOrg.ADDRESS)).isPresent();
			assertThat(directory.botIntegration(DemoOrg.ORG_ID, DemoOrg.BOT_INTEGRATION).orElseThrow().bot(DemoOrg.BOT_ID))
				.isPresent();
			assertThat(Files.readString(DemoOrg.keyFile(dataDir))).startsWith("-----BEGIN PRIVATE KEY-----");
			firstCertificate = directory.connectedApp(DemoOrg.CONSUMER_KEY).orElseThrow().certificatePem();
			assertThat(Certificates.parse(firstCertificate)).isNotNull();
		}
		try (ConfigurableApplicationContext context = start(dataDir, null)) {
			SetupDirectory directory = context.getBean(SetupDirectory.class);
			assertThat(directory.orgs()).hasSize(1);
			assertThat(directory.connectedApp(DemoOrg.CONSUMER_KEY).orElseThrow().certificatePem())
				.isEqualTo(firstCertificate);
		}
	}

	@Test
	void whenTheSetupFileIsBrokenThenStartUpFailsNamingTheFileAndKey() throws Exception {
		Path dir = SetupFiles.newTestDir("broken");
		Path file = SetupFiles.acmeSetup(dir);
		Files.writeString(file, Files.readString(file).replace("routingOwner: Partner", "routingOwner: Nobody"));
		assertThatThrownBy(() -> start(dir.resolve("data"), file).close()).isInstanceOf(SetupValidationException.class)
			.hasMessageContaining(file.toString())
			.hasMessageContaining("orgs[0].channels[0].routingOwner");
	}

	@Test
	void whenTheSetupFileIsMissingThenStartUpFailsNamingIt() {
		Path dir = SetupFiles.newTestDir("missing");
		Path file = dir.resolve("nowhere.yaml");
		assertThatThrownBy(() -> start(dir.resolve("data"), file).close()).isInstanceOf(SetupValidationException.class)
			.hasMessageContaining(file.toString())
			.hasMessageContaining("interactionservice.setup-file");
	}

	@Test
	void whenTheDemoOrgWouldRunOnPostgresThenStartUpIsRefusedUnlessAllowed() {
		Path dataDir = SetupFiles.newTestDir("demo-postgres").resolve("data");
		String[] postgres = org.byoc.interaction.support.EmbeddedPostgres.newDatabaseArguments();
		assertThatThrownBy(() -> start(dataDir, null, postgres).close()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("interactionservice.demo.enabled=false")
			.hasMessageContaining("interactionservice.demo.allow-with-external-database=true");
		String[] allowed = java.util.Arrays.copyOf(postgres, postgres.length + 1);
		allowed[postgres.length] = "--interactionservice.demo.allow-with-external-database=true";
		try (ConfigurableApplicationContext context = start(dataDir, null, allowed)) {
			assertThat(context.getBean(SetupDirectory.class).org(DemoOrg.ORG_ID)).isPresent();
		}
	}

	private static ConfigurableApplicationContext start(Path dataDir, Path setupFile, String... more) {
		String[] base = { "--interactionservice.data-dir=" + dataDir,
				"--interactionservice.setup-file=" + ((setupFile != null) ? setupFile : ""),
				"--spring.main.banner-mode=off" };
		String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return new SpringApplicationBuilder(InteractionServiceApplication.class).web(WebApplicationType.NONE)
			.run(all);
	}

}
