package org.byoc.interaction.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;

/**
 * An org of its own for a test of Omni-Channel routing, created through the admin API's setup (so tests never share
 * agents, capacity or queues): agents with capacity, permissions and presence statuses, Salesforce-routed channels
 * on two queues of different priority, and partner-routed channels for the checks of POST /api/v1/agentWork.
 *
 * <ul>
 * <li>{@link #ada()} and {@link #bob()}: capacity 1; {@link #cleo()}: capacity 2, without PartnerMessaging;
 * {@link #dora()}: capacity 3, not a member of the queues.</li>
 * <li>{@link #chat()}: routed by Salesforce to the Support queue (routing priority 2); {@link #vip()}: to the VIP
 * queue (priority 1); {@link #partner()}: routed by the partner; {@link #unserved()}: routed by the partner, served
 * by no presence status; {@link #noContactCenter()}: not linked to a contact center.</li>
 * <li>Statuses {@link #AVAILABLE} (Online: chat, vip, partner, noContactCenter), {@link #VIP_ONLY} (Online: vip) and
 * {@link #BREAK} (Busy).</li>
 * </ul>
 */
public final class OmniOrg {

	public static final String AVAILABLE = "Available_Chat";

	public static final String VIP_ONLY = "Available_Vip";

	public static final String BREAK = "On_Break";

	public static final String TOPIC = "/event/BYOC_Outbound__e";

	private static final SecureRandom random = new SecureRandom();

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private final String token;

	private final PartnerFixture.App app;

	private OmniOrg(String token, PartnerFixture.App app) {
		this.token = token;
		this.app = app;
	}

	/** Creates the org through {@code PUT /admin/api/setup} on the management port. */
	public static OmniOrg create(PartnerFixture fixture, int managementPort) {
		String token = token();
		PartnerFixture.App app = fixture.newApp("00D" + token + "OrgQ", "3MVG9_omni_" + token,
				"integration-" + token + "@q.example", "Omni_Chat_" + token, "0a0a0a0a-" + token + "-chat");
		OmniOrg org = new OmniOrg(token, app);
		apply(fixture, managementPort, org.yaml());
		return org;
	}

	/** Applies the org's setup again with the channel's address replaced: the channel keeps another address. */
	public void moveAddress(PartnerFixture fixture, int managementPort, PartnerFixture.App channel) {
		apply(fixture, managementPort, yaml().replace(channel.address(), channel.address() + "-moved"));
	}

	private static String token() {
		StringBuilder token = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return token.toString();
	}

	private static void apply(PartnerFixture fixture, int managementPort, String yaml) {
		HttpResponse<String> applied;
		try {
			applied = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/admin/api/setup"))
					.header("Authorization", "Bearer " + fixture.adminToken())
					.header("Content-Type", "application/yaml")
					.PUT(HttpRequest.BodyPublishers.ofString(yaml))
					.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		if (applied.statusCode() != 200) {
			throw new IllegalStateException("setup refused: " + applied.statusCode() + " " + applied.body());
		}
	}

	public String orgId() {
		return this.app.orgId();
	}

	/** The partner app on the Salesforce-routed chat channel (Support queue). */
	public PartnerFixture.App chat() {
		return this.app;
	}

	public PartnerFixture.App vip() {
		return channel("Omni_Vip_", "vip");
	}

	public PartnerFixture.App partner() {
		return channel("Omni_Partner_", "partner");
	}

	public PartnerFixture.App unserved() {
		return channel("Omni_Unserved_", "unserved");
	}

	public PartnerFixture.App noContactCenter() {
		return channel("Omni_NoCc_", "nocc");
	}

	public String ada() {
		return id("005", "AdaQ");
	}

	public String bob() {
		return id("005", "BobQ");
	}

	public String cleo() {
		return id("005", "CleQ");
	}

	public String dora() {
		return id("005", "DorQ");
	}

	public String supportQueue() {
		return id("00G", "SupQ");
	}

	public String vipQueue() {
		return id("00G", "VipQ");
	}

	/** A presence status's id by its name. */
	public String status(String name) {
		return switch (name) {
			case AVAILABLE -> id("0N5", "AvaQ");
			case VIP_ONLY -> id("0N5", "VipQ");
			case BREAK -> id("0N5", "BrkQ");
			default -> throw new IllegalArgumentException(name);
		};
	}

	private PartnerFixture.App channel(String prefix, String suffix) {
		return this.app.onChannel(prefix + this.token, "0a0a0a0a-" + this.token + "-" + suffix);
	}

	private String id(String prefix, String role) {
		return prefix + this.token + role;
	}

	private String yaml() {
		String channels = channelYaml(this.app.channel(), "Salesforce", this.app.address(), supportQueue(), "")
				+ channelYaml(vip().channel(), "Salesforce", vip().address(), vipQueue(), "")
				+ channelYaml(partner().channel(), "Partner", partner().address(), supportQueue(), "")
				+ channelYaml(unserved().channel(), "Partner", unserved().address(), supportQueue(), "")
				+ channelYaml(noContactCenter().channel(), "Partner", noContactCenter().address(), supportQueue(),
						"    linkedToContactCenter: false\n");
		return """
				orgs:
				  - id: %s
				    name: Omni %s
				    users:
				      - { id: %s, username: %s }
				      - { id: %s, username: ada-%s@q.example, displayName: Ada }
				      - { id: %s, username: bob-%s@q.example, displayName: Bob }
				      - { id: %s, username: cleo-%s@q.example, displayName: Cleo, capacity: 2, permissions: [] }
				      - { id: %s, username: dora-%s@q.example, displayName: Dora, capacity: 3 }
				    connectedApps:
				      - consumerKey: %s
				        certificate: |
				%s
				        scopes: [interaction_api]
				        preAuthorizedUsers: [%s]
				    queues:
				      - { id: %s, name: Support, routingPriority: 2, members: [%s, %s, %s] }
				      - { id: %s, name: VIP, routingPriority: 1, members: [%s, %s, %s] }
				    presenceStatuses:
				      - { id: %s, name: %s, kind: Online, channels: [%s, %s, %s, %s] }
				      - { id: %s, name: %s, kind: Online, channels: [%s] }
				      - { id: %s, name: %s, kind: Busy }
				    channels:
				%s""".formatted(orgId(), this.token, id("005", "IntQ"), this.app.username(), ada(), this.token, bob(),
				this.token, cleo(), this.token, dora(), this.token, this.app.consumerKey(),
				this.app.certificatePem().strip().replace("\n", "\n          ").replaceFirst("^", "          "),
				this.app.username(), supportQueue(), ada(), bob(), cleo(), vipQueue(), ada(), bob(), cleo(),
				status(AVAILABLE), AVAILABLE, this.app.channel(), vip().channel(), partner().channel(),
				noContactCenter().channel(), status(VIP_ONLY), VIP_ONLY, vip().channel(), status(BREAK), BREAK,
				channels);
	}

	private String channelYaml(String developerName, String routingOwner, String address, String queueId,
			String extra) {
		return """
				  - developerName: %s
				    connectedApp: %s
				    routingOwner: %s
				    routing: { queueId: %s }
				    outboundEvent:
				      { name: BYOC_Outbound__e, structure: current, payloadField: Payload__c, eventTypeField: EventType__c }
				    addresses:
				      - { identifier: %s, active: true }
				%s""".formatted(developerName, this.app.consumerKey(), routingOwner, queueId, address, extra)
			.indent(4);
	}

}
