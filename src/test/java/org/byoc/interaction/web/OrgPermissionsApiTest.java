package org.byoc.interaction.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The org switches an operator changes through the admin API's setup: without the Interaction API permission
 * ({@code features.interactionApi: false}) every call of the org's partner is refused with 403 and 10099, given
 * back the same calls succeed; without {@code historyMessagingSession} a history naming a session is 10063.
 */
class OrgPermissionsApiTest extends ContractCodesTestBase {

	@Test
	void whenTheOrgLacksTheInteractionApiPermissionThenEveryCallIs403With10099() {
		PartnerFixture.App partner = fixture.partnerC();
		ObjectNode original = orgC();
		ObjectNode withdrawn = original.deepCopy();
		withdrawn.withObject("/features").put("interactionApi", false);
		String endUser = newEndUser();
		String entry = textMessage(uuid(), "hello");
		try {
			assertThat(apply(withdrawn).statusCode()).isEqualTo(200);
			assertThat(orgC().at("/features/interactionApi").asBoolean()).isFalse();

			HttpResponse<String> refused = interaction(partner, endUser, entry);
			assertRefused(refused, 403, 10099);
			assertThat(json(refused).get("message").asString()).contains(partner.orgKey());
			assertRefusedInEnvelope(consent(partner, endUser, partner.address()), 403, 10099);
		}
		finally {
			apply(original);
		}
		HttpResponse<String> accepted = interaction(partner, endUser, entry);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
	}

	@Test
	void whenTheOrgIsNotReadyForTheMessagingSessionParameterThenAHistoryWithItIsRefusedWith10063() {
		PartnerFixture.App partner = fixture.partnerA();
		ObjectNode original = org(partner);
		ObjectNode notReady = original.deepCopy();
		notReady.withObject("/features").put("historyMessagingSession", false);
		try {
			apply(notReady);
			assertRefused(call("POST", "/api/v1/conversationHistory", partner, """
					{"channelAddressIdentifier": "%s", "messagingSession": {"messagingSessionRequestType":
					 "EstablishMessagingSession", "payload": {"startTime": %d}}}""".formatted(partner.address(),
					System.currentTimeMillis() - 60_000), "AuthorizationContextType", "ConversationChannelDefinition"),
					400, 10063);
		}
		finally {
			apply(original);
		}
	}

	private ObjectNode orgC() {
		return org(fixture.partnerC());
	}

	private ObjectNode org(PartnerFixture.App app) {
		for (JsonNode org : json(admin("GET", "/admin/api/setup", null)).get("orgs")) {
			if (org.get("id").asString().startsWith(app.orgKey())) {
				return (ObjectNode) org;
			}
		}
		throw new AssertionError("org " + app.orgKey() + " is not in the setup");
	}

	private HttpResponse<String> apply(ObjectNode org) {
		HttpResponse<String> applied = admin("PUT", "/admin/api/setup", "{\"orgs\": [" + org + "]}");
		assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
		return applied;
	}

}
