package org.byoc.interaction.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.PlainObject;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The partner's side of the org setup, built once per test JVM: two orgs (A and B), each with a connected app whose
 * RSA key and self-signed certificate are generated here, users and a channel, written as a setup YAML file in the
 * documented format; and the means to mint JWT-bearer assertions the way a partner's middleware does, including the
 * malformed and malicious ones a partner must not get away with.
 *
 * <p>Org A (18-char id) has the partner app (scope interaction_api, certificate as a file next to the YAML) and a
 * reporting app without interaction_api (certificate inline), each with its own channel. Org B (15-char id) has one
 * partner app and channel. In org A, {@link #AGENT_A} is a user of the org whom no app pre-authorizes.
 */
public final class PartnerFixture {

	public static final String ORG_A_ID = "00D5g000001OrgAEAS";

	public static final String ORG_A_KEY = "00D5g000001OrgA";

	public static final String ORG_B_ID = "00D5g000002OrgB";

	public static final String INTEGRATION_A = "integration@a.example";

	public static final String AGENT_A = "agent@a.example";

	public static final String INTEGRATION_B = "integration@b.example";

	public static final String USER_INTEGRATION_A = "0055g00000AIntA";

	/** Org A's reps: {@link #AGENT_A} and a second one, Agent B, for transfers to a user. */
	public static final String AGENT_A_ID = "0055g00000AAgtA";

	public static final String AGENT_B_ID = "0055g00000AAgtB";

	public static final String QUEUE_A = "00G5g000001QueA";

	public static final String FLOW_A = "3005g000001FloA";

	/** Org A, partner app: a channel that Salesforce routes (with {@link #FLOW_A}) and whose consent it owns. */
	public static final String SALESFORCE_ROUTED_CHANNEL = "OrgA_SalesforceRouted_ChannelDefinition";

	public static final String SALESFORCE_ROUTED_ADDRESS = "6f1c9d4e-2b8a-4f57-9c1e-0a4a1f00aaa3";

	/** Org A, partner app: a partner-owned-consent channel that handles consent keywords itself. */
	public static final String KEYWORDS_CHANNEL = "OrgA_Keywords_ChannelDefinition";

	public static final String KEYWORDS_ADDRESS = "6f1c9d4e-2b8a-4f57-9c1e-0a4a1f00aaa4";

	/**
	 * Org A, partner app: a channel whose consent the contact center owns and that handles keywords (the default
	 * ones), current structure.
	 */
	public static final String CONSENT_CHANNEL = "OrgA_Consent_ChannelDefinition";

	public static final String CONSENT_ADDRESS = "6f1c9d4e-2b8a-4f57-9c1e-0a4a1f00aaa5";

	/**
	 * Org A, partner app: a channel publishing the legacy structure on {@link #LEGACY_TOPIC} (payload, channel address
	 * and recipient fields), whose consent the contact center owns, with keywords of its own (ARRET, REPRENDRE).
	 */
	public static final String LEGACY_CHANNEL = "OrgA_Legacy_ChannelDefinition";

	public static final String LEGACY_ADDRESS = "6f1c9d4e-2b8a-4f57-9c1e-0a4a1f00aaa6";

	public static final String LEGACY_TOPIC = "/event/Legacy_Outbound__e";

	/**
	 * A channel of org A's partner app whose addresses are of kinds the Interaction API does not serve: a voice
	 * address (10002), one the vendor provides itself (10006), an SMS messaging channel (10035).
	 */
	public static final String KINDS_CHANNEL = "OrgA_Kinds_ChannelDefinition";

	public static final String VOICE_ADDRESS = "6f1c9d4e-2b8a-4f57-9c1e-0a4a1f00aab1";

	public static final String VENDOR_PROVIDED_ADDRESS = "6f1c9d4e-2b8a-4f57-9c1e-0a4a1f00aab2";

	public static final String SMS_ADDRESS = "6f1c9d4e-2b8a-4f57-9c1e-0a4a1f00aab3";

	/** Org C turns every feature switch off (no CCaaS, conferencing or cancel reasons). */
	public static final String ORG_C_ID = "00D5g000003OrgC";

	public static final String INTEGRATION_C = "integration@c.example";

	/**
	 * Org A's bring-your-own-bot integration (partner app) on the main channel and the capabilities channel, with
	 * an active bot and an inactive one.
	 */
	public static final String BOT_INTEGRATION_A = "OrgA_ExtConvParticipantIntegDef";

	public static final String BOT_A = "0Xx5g000001BotA";

	public static final String INACTIVE_BOT_A = "0Xx5g000001BotI";

	/** A second integration of the same app, allowed on the capabilities channel only, with its own bot. */
	public static final String SECOND_BOT_INTEGRATION_A = "OrgA_Second_ExtConvParticipantIntegDef";

	public static final String SECOND_BOT_A = "0Xx5g000001BotB";

	/** Org A, partner app: a channel that only capabilities tests register on, so other tests never see them. */
	public static final String CAPABILITIES_CHANNEL_A = "OrgA_Capabilities_ChannelDefinition";

	public static final String CAPABILITIES_ADDRESS_A = "6f1c9d4e-2b8a-4f57-9c1e-0a4a1f00aac1";

	public static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	public static final String LOGIN_AUDIENCE = "https://login.salesforce.com";

	private static PartnerFixture shared;

	private String adminToken;

	private final Path dir;

	private final App partnerA;

	private final App reportingA;

	private final App partnerB;

	private final App partnerC;

	private PartnerFixture(Path dir) {
		this.dir = dir;
		this.partnerA = new App(ORG_A_ID, "3MVG9_orgA_partner_app", INTEGRATION_A, "OrgA_ChannelDefinition",
				"6f1c9d4e-2b8a-4f57-9c1e-0a4a1f00aaa1", newKeyPair(), dir);
		this.reportingA = new App(ORG_A_ID, "3MVG9_orgA_reporting_app", INTEGRATION_A,
				"OrgA_Reporting_ChannelDefinition", "6f1c9d4e-2b8a-4f57-9c1e-0a4a1f00aaa2", newKeyPair(), dir);
		this.partnerB = new App(ORG_B_ID, "3MVG9_orgB_partner_app", INTEGRATION_B, "OrgB_ChannelDefinition",
				"6f1c9d4e-2b8a-4f57-9c1e-0a4a1f00bbb1", newKeyPair(), dir);
		this.partnerC = new App(ORG_C_ID, "3MVG9_orgC_partner_app", INTEGRATION_C, "OrgC_ChannelDefinition",
				"6f1c9d4e-2b8a-4f57-9c1e-0a4a1f00ccc1", newKeyPair(), dir);
	}

	/** The fixture every Spring test of the JVM shares, so they share one application context as well. */
	public static synchronized PartnerFixture shared() {
		if (shared == null) {
			Path dir = Path.of("target", "test-data", "partner-fixture-" + UUID.randomUUID()).toAbsolutePath();
			shared = new PartnerFixture(dir);
			shared.writeFiles();
		}
		return shared;
	}

	/** Points the application at the fixture's setup file and at a data directory of its own. */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("interactionservice.data-dir", () -> dataDir().toString());
		registry.add("interactionservice.setup-file", () -> setupFile().toString());
		registry.add("interactionservice.admin.public-key",
				() -> this.dir.resolve("admin").resolve("admin_public.pem").toString());
	}

	/** An admin token for the management port, from the real generate_admin_key.sh (keys made once per JVM). */
	public synchronized String adminToken() {
		if (this.adminToken == null) {
			this.adminToken = AdminKeys.tokenFor(this.dir.resolve("admin"), "2h");
		}
		return this.adminToken;
	}

	public Path dir() {
		return this.dir;
	}

	public Path dataDir() {
		return this.dir.resolve("data");
	}

	public Path setupFile() {
		return this.dir.resolve("setup.yaml");
	}

	/** Org A's partner app: scope interaction_api, pre-authorizes {@link #INTEGRATION_A}. */
	public App partnerA() {
		return this.partnerA;
	}

	/** Org A's second app, without the interaction_api scope, with a channel of its own. */
	public App reportingA() {
		return this.reportingA;
	}

	/** Org B's partner app: scope interaction_api, pre-authorizes {@link #INTEGRATION_B}. */
	public App partnerB() {
		return this.partnerB;
	}

	/** Org C's partner app: like org A's, in an org whose feature switches are all off. */
	public App partnerC() {
		return this.partnerC;
	}

	/** Org A's partner app calling as its Salesforce-routed channel. */
	public App salesforceRoutedA() {
		return this.partnerA.onChannel(SALESFORCE_ROUTED_CHANNEL, SALESFORCE_ROUTED_ADDRESS);
	}

	/** Org A's partner app calling as its keywords channel. */
	public App keywordsA() {
		return this.partnerA.onChannel(KEYWORDS_CHANNEL, KEYWORDS_ADDRESS);
	}

	/** Org A's partner app calling as its consent-keywords channel. */
	public App consentA() {
		return this.partnerA.onChannel(CONSENT_CHANNEL, CONSENT_ADDRESS);
	}

	/** Org A's partner app calling as its legacy-structure channel. */
	public App legacyA() {
		return this.partnerA.onChannel(LEGACY_CHANNEL, LEGACY_ADDRESS);
	}

	/** Org A's partner app calling as its bot integration {@link #BOT_INTEGRATION_A} (main channel's address). */
	public App botA() {
		return this.partnerA.onChannel(BOT_INTEGRATION_A, this.partnerA.address());
	}

	/** Org A's partner app calling as its capabilities channel. */
	public App capabilitiesA() {
		return this.partnerA.onChannel(CAPABILITIES_CHANNEL_A, CAPABILITIES_ADDRESS_A);
	}

	/**
	 * A partner app for an org a test creates itself (through the admin API's setup): a fresh key pair and a
	 * self-signed certificate for it.
	 */
	public App newApp(String orgId, String consumerKey, String username, String channel, String address) {
		return new App(orgId, consumerKey, username, channel, address, newKeyPair(), this.dir);
	}

	/** A good assertion for the app's integration user, addressed to the vendor's production login host. */
	public String assertion(App app) {
		return assertionFor(app).signed();
	}

	/** An assertion to adjust before signing; starts out good (exp in seconds, 5 minutes ahead, no iat). */
	public Assertion assertionFor(App app) {
		return new Assertion(app);
	}

	public static KeyPair newKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void writeFiles() {
		try {
			Files.createDirectories(this.dir.resolve("certs"));
			Files.writeString(this.dir.resolve("certs/a-partner.crt"), this.partnerA.certificatePem(),
					StandardCharsets.US_ASCII);
			for (App app : new App[] { this.partnerA, this.reportingA, this.partnerB, this.partnerC }) {
				Files.writeString(app.privateKeyFile(), pem("PRIVATE KEY", app.keyPair().getPrivate().getEncoded()),
						StandardCharsets.US_ASCII);
			}
			Files.writeString(setupFile(), withBotsAndCapabilitiesChannel(setupYaml()), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String setupYaml() {
		return """
				orgs:
				  - id: %s
				    name: Org A
				    users:
				      - { id: %s, username: %s }
				      - { id: 0055g00000AAgtA, username: %s, displayName: Agent A }
				      - { id: 0055g00000AAgtB, username: agentb@a.example, displayName: Agent B }
				    connectedApps:
				      - consumerKey: %s
				        certificate: certs/a-partner.crt
				        scopes: [interaction_api, refresh_token, offline_access]
				        preAuthorizedUsers: [%s]
				      - consumerKey: %s
				        certificate: |
				%s
				        scopes: [refresh_token, offline_access]
				        preAuthorizedUsers: [%s]
				    queues: [ { id: 00G5g000001QueA, name: Support } ]
				    flows: [ { id: 3005g000001FloA, name: Route_Messaging } ]
				    channels:
				%s
				%s
				  - id: %s
				    name: Org B
				    users:
				      - { id: 0055g00000BIntB, username: %s }
				    connectedApps:
				      - consumerKey: %s
				        certificate: |
				%s
				        scopes: [interaction_api]
				        preAuthorizedUsers: [%s]
				    queues: [ { id: 00G5g000002QueB, name: Support } ]
				    channels:
				%s
				  - id: %s
				    name: Org C
				    features: { ccaas: false, conferencing: false, cancelReasons: false }
				    users:
				      - { id: 0055g00000CIntC, username: %s }
				      - { id: 0055g00000CAgtC, username: agent@c.example, displayName: Agent C }
				    connectedApps:
				      - consumerKey: %s
				        certificate: |
				%s
				        scopes: [interaction_api]
				        preAuthorizedUsers: [%s]
				    queues: [ { id: 00G5g000003QueC, name: Support } ]
				    channels:
				%s
				""".formatted(ORG_A_ID, USER_INTEGRATION_A, INTEGRATION_A, AGENT_A, this.partnerA.consumerKey(),
				INTEGRATION_A, this.reportingA.consumerKey(), indent(this.reportingA.certificatePem(), 10),
				INTEGRATION_A, channelYaml(this.partnerA, "00G5g000001QueA"),
				channelYaml(this.reportingA, "00G5g000001QueA") + "\n" + extraChannelsA(), ORG_B_ID, INTEGRATION_B, this.partnerB.consumerKey(),
				indent(this.partnerB.certificatePem(), 10), INTEGRATION_B, channelYaml(this.partnerB, "00G5g000002QueB"),
				ORG_C_ID, INTEGRATION_C, this.partnerC.consumerKey(), indent(this.partnerC.certificatePem(), 10),
				INTEGRATION_C, channelYaml(this.partnerC, "00G5g000003QueC"));
	}

	/**
	 * Org A's partner app also owns a Salesforce-routed channel, a keywords channel (partner-owned consent), a
	 * consent-keywords channel and a legacy-structure channel.
	 */
	private String extraChannelsA() {
		return indent("""
				- developerName: %s
				  connectedApp: %s
				  routingOwner: Salesforce
				  consentOwner: Salesforce
				  supportsKeywords: false
				  routing: { flow: { flowId: %s, queueId: %s } }
				  channelVariables: { orderNumber: 10 }
				  outboundEvent:
				    name: BYOC_Outbound__e
				    structure: current
				    payloadField: Payload__c
				    eventTypeField: EventType__c
				  addresses:
				    - { identifier: %s, active: true }
				- developerName: %s
				  connectedApp: %s
				  routingOwner: Partner
				  consentOwner: Partner
				  supportsKeywords: true
				  routing: { queueId: %s }
				  addresses:
				    - { identifier: %s, active: true }
				- developerName: %s
				  connectedApp: %s
				  routingOwner: Partner
				  consentOwner: Salesforce
				  supportsKeywords: true
				  routing: { queueId: %s }
				  outboundEvent:
				    name: BYOC_Outbound__e
				    structure: current
				    payloadField: Payload__c
				    eventTypeField: EventType__c
				  addresses:
				    - { identifier: %s, active: true }
				- developerName: %s
				  connectedApp: %s
				  routingOwner: Partner
				  consentOwner: Salesforce
				  supportsKeywords: true
				  consentKeywords:
				    optOut: [ARRET, STOP]
				    optIn: [REPRENDRE]
				    optOutReply: Vous ne recevrez plus de messages. Répondez REPRENDRE pour les recevoir à nouveau.
				    optInReply: Vous recevrez à nouveau nos messages.
				  routing: { queueId: %s }
				  outboundEvent:
				    name: Legacy_Outbound__e
				    structure: legacy
				    payloadField: Payload__c
				    channelAddressIdField: ChannelAddressIdentifier__c
				    recipientField: Recipient__c
				  addresses:
				    - { identifier: %s, active: true }
				- developerName: %s
				  connectedApp: %s
				  routingOwner: Partner
				  consentOwner: Partner
				  routing: { queueId: %s }
				  addresses:
				    - { identifier: %s, channelType: Voice }
				    - { identifier: %s, provider: Salesforce }
				    - { identifier: %s, messagingChannelType: Text }
				""".formatted(SALESFORCE_ROUTED_CHANNEL, this.partnerA.consumerKey(), FLOW_A, QUEUE_A,
				SALESFORCE_ROUTED_ADDRESS, KEYWORDS_CHANNEL, this.partnerA.consumerKey(), QUEUE_A, KEYWORDS_ADDRESS,
				CONSENT_CHANNEL, this.partnerA.consumerKey(), QUEUE_A, CONSENT_ADDRESS, LEGACY_CHANNEL,
				this.partnerA.consumerKey(), QUEUE_A, LEGACY_ADDRESS,
				KINDS_CHANNEL, this.partnerA.consumerKey(), QUEUE_A, VOICE_ADDRESS, VENDOR_PROVIDED_ADDRESS,
				SMS_ADDRESS),
				6);
	}

	/**
	 * Appends to org A (whose last key is {@code channels}) the capabilities channel and the bot integrations, just
	 * before org B starts.
	 */
	private String withBotsAndCapabilitiesChannel(String yaml) {
		String orgB = "  - id: " + ORG_B_ID + "\n";
		if (!yaml.contains(orgB)) {
			throw new IllegalStateException("org B not found in the setup YAML");
		}
		String additions = """
				      - developerName: %s
				        connectedApp: %s
				        routingOwner: Partner
				        consentOwner: Partner
				        routing: { queueId: 00G5g000001QueA }
				        outboundEvent:
				          name: BYOC_Outbound__e
				          structure: current
				          payloadField: Payload__c
				          eventTypeField: EventType__c
				        addresses:
				          - { identifier: %s, active: true }
				    botIntegrations:
				      - developerName: %s
				        connectedApp: %s
				        channels: [%s, %s]
				        bots:
				          - { id: %s, name: Order Bot, active: true }
				          - { id: %s, name: Retired Bot, active: false }
				      - developerName: %s
				        connectedApp: %s
				        channels: [%s]
				        bots:
				          - { id: %s, name: Survey Bot }
				""".formatted(CAPABILITIES_CHANNEL_A, this.partnerA.consumerKey(), CAPABILITIES_ADDRESS_A,
				BOT_INTEGRATION_A, this.partnerA.consumerKey(), this.partnerA.channel(), CAPABILITIES_CHANNEL_A, BOT_A,
				INACTIVE_BOT_A, SECOND_BOT_INTEGRATION_A, this.partnerA.consumerKey(), CAPABILITIES_CHANNEL_A,
				SECOND_BOT_A);
		return yaml.replace(orgB, additions + orgB);
	}

	/** One channel as a list item, indented to sit under an org's {@code channels:} key. */
	private static String channelYaml(App app, String queueId) {
		return indent("""
				- developerName: %s
				  connectedApp: %s
				  routingOwner: Partner
				  consentOwner: Partner
				  supportsKeywords: false
				  routing: { queueId: %s }
				  channelVariables: { orderNumber: 10 }
				  outboundEvent:
				    name: BYOC_Outbound__e
				    structure: current
				    payloadField: Payload__c
				    eventTypeField: EventType__c
				  addresses:
				    - { identifier: %s, active: true }
				    - { identifier: %s, active: false }
				""".formatted(app.channel(), app.consumerKey(), queueId, app.address(), app.inactiveAddress()), 6);
	}

	private static String indent(String text, int spaces) {
		String pad = " ".repeat(spaces);
		return pad + text.strip().replace("\n", "\n" + pad);
	}

	static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	private static String selfSignedCertificatePem(KeyPair pair, String commonName) {
		try {
			X500Name subject = new X500Name("CN=" + commonName);
			Instant now = Instant.now();
			var certificate = new JcaX509CertificateConverter()
				.getCertificate(new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
						Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subject,
						pair.getPublic())
					.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
			return pem("CERTIFICATE", certificate.getEncoded());
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A connected app as its partner holds it: consumer key, private key (in memory and as a PEM file), the
	 * certificate registered in the setup, its pre-authorized integration user and its channel with one address.
	 */
	public record App(String orgId, String consumerKey, String username, String channel, String address,
			KeyPair keyPair, String certificatePem, Path privateKeyFile) {

		App(String orgId, String consumerKey, String username, String channel, String address, KeyPair keyPair,
				Path dir) {
			this(orgId, consumerKey, username, channel, address, keyPair,
					selfSignedCertificatePem(keyPair, consumerKey), dir.resolve("certs/" + consumerKey + ".key"));
		}

		public String orgKey() {
			return orgId.substring(0, 15);
		}

		/** The same app calling with another of its channels (or one of its bot integrations) as AuthorizationContext. */
		public App onChannel(String channelDeveloperName, String channelAddress) {
			return new App(this.orgId, this.consumerKey, this.username, channelDeveloperName, channelAddress,
					this.keyPair, this.certificatePem, this.privateKeyFile);
		}

		/** A second address of the app's channel, switched off in the setup. */
		public String inactiveAddress() {
			return this.address + "-inactive";
		}

	}

	/** A JWT-bearer assertion under construction; every claim is set raw, so tests control its exact JSON. */
	public static final class Assertion {

		private final Map<String, Object> claims = new LinkedHashMap<>();

		private PrivateKey signingKey;

		private Assertion(App app) {
			this.claims.put("iss", app.consumerKey());
			this.claims.put("sub", app.username());
			this.claims.put("aud", LOGIN_AUDIENCE);
			this.claims.put("exp", Instant.now().plusSeconds(300).getEpochSecond());
			this.signingKey = app.keyPair().getPrivate();
		}

		public Assertion issuer(String issuer) {
			return claim("iss", issuer);
		}

		public Assertion subject(String subject) {
			return claim("sub", subject);
		}

		public Assertion audience(String audience) {
			return claim("aud", audience);
		}

		public Assertion expiresInSeconds(Instant expiry) {
			return claim("exp", expiry.getEpochSecond());
		}

		public Assertion expiresInMilliseconds(Instant expiry) {
			return claim("exp", expiry.toEpochMilli());
		}

		/** Sets a claim; {@code null} removes it. */
		public Assertion claim(String name, Object value) {
			if (value == null) {
				this.claims.remove(name);
			}
			else {
				this.claims.put(name, value);
			}
			return this;
		}

		/** Signs with another RSA key than the app's certificate holds. */
		public Assertion signingKey(PrivateKey key) {
			this.signingKey = key;
			return this;
		}

		/** RS256 with the signing key: what a partner sends. */
		public String signed() {
			return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
					new RSASSASigner(this.signingKey));
		}

		/** {@code alg: none}: no signature at all. */
		public String unsigned() {
			return new PlainObject(new PlainHeader.Builder().type(JOSEObjectType.JWT).build(), new Payload(this.claims))
				.serialize();
		}

		/** HS256 with the given bytes as the shared secret, e.g. the app's (public) certificate. */
		public String hs256(byte[] secret) {
			try {
				return sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
						new MACSigner(secret));
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private String sign(JWSHeader header, JWSSigner signer) {
			JWSObject jws = new JWSObject(header, new Payload(this.claims));
			try {
				jws.sign(signer);
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
			return jws.serialize();
		}

	}

}
