package org.byoc.interaction.setup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Brings the setup in before any port opens: the setup file when one is named (a bad file stops the start with
 * the file and key named), otherwise the demo org on an empty database.
 */
@Component
class SetupBootstrap implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(SetupBootstrap.class);

	private final SetupService setup;

	private final Path dataDir;

	private final String setupFile;

	private final boolean demoEnabled;

	private final int apiPort;

	private final boolean externalDatabase;

	private final boolean demoAllowedOnExternalDatabase;

	SetupBootstrap(SetupService setup, @Value("${interactionservice.data-dir:./data}") Path dataDir,
			@Value("${interactionservice.setup-file:}") String setupFile,
			@Value("${interactionservice.demo.enabled:true}") boolean demoEnabled,
			@Value("${interactionservice.demo.allow-with-external-database:false}") boolean demoAllowedOnExternalDatabase,
			@Value("${spring.datasource.url:}") String datasourceUrl, @Value("${server.port:8085}") int apiPort) {
		this.setup = setup;
		this.dataDir = dataDir;
		this.setupFile = setupFile;
		this.demoEnabled = demoEnabled;
		this.apiPort = apiPort;
		this.externalDatabase = !datasourceUrl.isBlank() && !datasourceUrl.startsWith("jdbc:h2:");
		this.demoAllowedOnExternalDatabase = demoAllowedOnExternalDatabase;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.setupFile.isBlank() && this.demoEnabled && this.externalDatabase
				&& !this.demoAllowedOnExternalDatabase) {
			// a demo org has a published key pair and well-known ids: never on a real deployment by accident
			throw new IllegalStateException("Refusing to start: no setup file (interactionservice.setup-file) and "
					+ "the demo org is enabled on an external database (spring.datasource.url). Name a setup file, "
					+ "set interactionservice.demo.enabled=false, or, for a test deployment, "
					+ "interactionservice.demo.allow-with-external-database=true.");
		}
		if (!this.setupFile.isBlank()) {
			applyFile(Path.of(this.setupFile));
		}
		else if (this.demoEnabled && this.setup.orgs().isEmpty()) {
			SetupAdministration.ApplyResult result = this.setup.apply(DemoOrg.create(this.dataDir));
			log.info("No setup file (interactionservice.setup-file) and an empty database: created the demo org {}",
					result.createdOrgs());
		}
		if (this.setup.org(DemoOrg.ORG_ID).isPresent() && Files.exists(DemoOrg.keyFile(this.dataDir))) {
			logDemoInstructions();
		}
	}

	private void applyFile(Path file) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new SetupValidationException(file.toString(), "(file)",
					"cannot read the setup file named by interactionservice.setup-file");
		}
		Path baseDir = file.toAbsolutePath().getParent();
		SetupAdministration.ApplyResult result = this.setup.apply(this.setup.parse(text, baseDir, file.toString()));
		log.info("Setup file {} applied: created {}, updated {}, unchanged {}", file, result.createdOrgs(),
				result.updatedOrgs(), result.unchangedOrgs());
	}

	private void logDemoInstructions() {
		String key = DemoOrg.keyFile(this.dataDir).normalize().toString();
		log.info("""
				Demo org ready.
				  OrgId:                     {}
				  consumer key (iss):        {}
				  username (sub):            {}
				  private key:               {}
				  AuthorizationContext:      {}
				  ChannelAddressIdentifier:  {}
				  bot AuthorizationContext:  {} (AuthorizationContextType: ExternalConversationParticipant, bot {})
				  Get a token:
				    scripts/get-token.sh --consumer-key {} --username {} --key {} --endpoint http://localhost:{}""",
				OrgIds.key(DemoOrg.ORG_ID), DemoOrg.CONSUMER_KEY, DemoOrg.INTEGRATION_USER, key, DemoOrg.CHANNEL,
				DemoOrg.ADDRESS, DemoOrg.BOT_INTEGRATION, DemoOrg.BOT_ID, DemoOrg.CONSUMER_KEY, DemoOrg.INTEGRATION_USER,
				key, this.apiPort);
	}

}
