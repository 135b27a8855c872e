package org.byoc.interaction.setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.byoc.interaction.setup.Channel.ChannelAddress;
import org.byoc.interaction.setup.Channel.ChannelRouting;
import org.byoc.interaction.setup.Channel.OutboundEventDefinition;
import org.byoc.interaction.setup.Channel.OutboundEventDefinition.Structure;
import org.byoc.interaction.setup.Channel.Owner;
import org.byoc.interaction.setup.Org.AppUser;
import org.byoc.interaction.setup.Org.Flow;
import org.byoc.interaction.setup.Org.OrgFeatures;
import org.byoc.interaction.setup.Org.Queue;

/**
 * The org a newcomer gets when no setup file is given: the same shape as the example in the README, with a
 * connected app whose key and certificate are generated into the data directory (the vendor's openssl steps).
 */
final class DemoOrg {

	static final String ORG_ID = "00D5g000004SWbyEAG";

	static final String CONSUMER_KEY = "3MVG9_acme_partner_app";

	static final String INTEGRATION_USER = "integration@acme.example";

	static final String CHANNEL = "Partner_ChannelDefinition";

	static final String ADDRESS = "b0ffeafe-0d89-4338-b14a-172ad203f22a";

	/** A channel the service routes itself (routingOwner Salesforce): its work waits in the Support queue. */
	static final String OMNI_CHANNEL = "Omni_ChannelDefinition";

	static final String OMNI_ADDRESS = "5e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";

	/** The bring-your-own-bot integration: the AuthorizationContext of the demo bot's middleware. */
	static final String BOT_INTEGRATION = "Partner_ExtConvParticipantIntegDef";

	static final String BOT_ID = "0Xx5g000000AbCd";

	private DemoOrg() {
	}

	static Path keyFile(Path dataDir) {
		return dataDir.resolve("demo").resolve("server.key");
	}

	static Path certificateFile(Path dataDir) {
		return dataDir.resolve("demo").resolve("server.crt");
	}

	static SetupDocument create(Path dataDir) {
		SelfSignedCertificates.createIfAbsent(keyFile(dataDir), certificateFile(dataDir), "Acme partner app",
				List.of(), List.of());
		String certificate;
		try {
			certificate = Files.readString(certificateFile(dataDir), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Org acme = new Org(ORG_ID, "Acme", OrgFeatures.ALL,
				List.of(new AppUser("0055g00000AbCdE", INTEGRATION_USER, "Integration User"),
						new AppUser("0055g00000AgEnT", "ada@acme.example", "Ada Agent")),
				List.of(new ConnectedApp(ORG_ID, CONSUMER_KEY, certificate,
						List.of("interaction_api", "refresh_token", "offline_access"), List.of(INTEGRATION_USER))),
				List.of(new Queue("00G5g000001AbCd", "Support")), List.of(new Flow("3005g000000AbCd", "Route_Messaging")),
				List.of(new Channel(ORG_ID, CHANNEL, CONSUMER_KEY, Owner.Partner, Owner.Partner, false,
						new ChannelRouting(null, "00G5g000001AbCd"), Map.of("orderNumber", 40),
						new OutboundEventDefinition("BYOC_Outbound__e", Structure.current, "Payload__c", "EventType__c",
								"ChannelAddressIdentifier__c", "Recipient__c"),
						List.of(new ChannelAddress(ADDRESS, true))),
						new Channel(ORG_ID, OMNI_CHANNEL, CONSUMER_KEY, Owner.Salesforce, Owner.Partner, false,
								new ChannelRouting(null, "00G5g000001AbCd"), Map.of("orderNumber", 40),
								new OutboundEventDefinition("BYOC_Outbound__e", Structure.current, "Payload__c",
										"EventType__c", "ChannelAddressIdentifier__c", "Recipient__c"),
								List.of(new ChannelAddress(OMNI_ADDRESS, true)))),
				List.of(new BotIntegration(ORG_ID, BOT_INTEGRATION, CONSUMER_KEY, List.of(CHANNEL),
						List.of(new BotIntegration.Bot(BOT_ID, "Order Bot", true)))));
		return new SetupDocument(List.of(acme));
	}

}
