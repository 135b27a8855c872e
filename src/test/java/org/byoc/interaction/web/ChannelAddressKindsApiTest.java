package org.byoc.interaction.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10002, 10006 and 10035 from the setup: org A's kinds channel has a voice address, an address the vendor provides
 * itself and an SMS messaging channel, which the Interaction API does not serve. Every request naming one of them
 * is refused with its code (interactions, conversation, consent, messagingSession), and the setup keeps the keys.
 */
class ChannelAddressKindsApiTest extends ContractCodesTestBase {

	static PartnerFixture.App at(String address) {
		return fixture.partnerA().onChannel(PartnerFixture.KINDS_CHANNEL, address);
	}

	@Test
	void whenAnEndUserWritesToAnAddressTheApiDoesNotServeThenItIsRefusedWithItsCode() {
		assertRefused(interaction(at(PartnerFixture.VOICE_ADDRESS), newEndUser(), textMessage(uuid(), "hi")), 400,
				10002);
		assertRefused(interaction(at(PartnerFixture.VENDOR_PROVIDED_ADDRESS), newEndUser(), textMessage(uuid(), "hi")),
				400, 10006);
		HttpResponse<String> sms = interaction(at(PartnerFixture.SMS_ADDRESS), newEndUser(), textMessage(uuid(), "hi"));
		assertRefused(sms, 400, 10035);
		assertThat(json(sms).get("message").asString()).contains("Text").contains("CUSTOM");
	}

	@Test
	void whenOtherRequestsNameSuchAnAddressThenTheyAreRefusedWithItsCodeToo() {
		PartnerFixture.App voice = at(PartnerFixture.VOICE_ADDRESS);
		assertRefused(call("POST", "/api/v1/conversation", at(PartnerFixture.VENDOR_PROVIDED_ADDRESS), """
				{"channelAddressIdentifier": "%s",
				 "participants": [{"appType": "custom", "subject": "%s", "role": "EndUser"}]}"""
			.formatted(PartnerFixture.VENDOR_PROVIDED_ADDRESS, newEndUser())), 400, 10006);
		assertRefusedInEnvelope(consent(at(PartnerFixture.SMS_ADDRESS), newEndUser(), PartnerFixture.SMS_ADDRESS), 400,
				10035);
		assertRefused(call("POST", "/api/v1/messagingSession", voice, """
				{"channelAddressIdentifier": "%s", "endUserClientId": "%s", "conversationIdentifier": "%s",
				 "operation": "End"}""".formatted(PartnerFixture.VOICE_ADDRESS, newEndUser(), uuid())), 400, 10002);
	}

	@Test
	void whenTheSetupIsExportedThenTheAddressKindsAreKeptAndAnUnknownKindIsRefused() {
		HttpResponse<String> setup = admin("GET", "/admin/api/setup", null);
		assertThat(setup.body()).contains("\"channelType\":\"Voice\"")
			.contains("\"provider\":\"Salesforce\"")
			.contains("\"messagingChannelType\":\"Text\"");

		String orgA = null;
		for (var org : json(setup).get("orgs")) {
			if (org.get("id").asString().startsWith(fixture.partnerA().orgKey())) {
				orgA = org.toString();
			}
		}
		assertThat(orgA).isNotNull();
		HttpResponse<String> refused = admin("PUT", "/admin/api/setup",
				"{\"orgs\": [" + orgA.replace("\"channelType\":\"Voice\"", "\"channelType\":\"Fax\"") + "]}");
		assertRefused(refused, 400, 10089);
		assertThat(json(refused).get("message").asString()).contains("channelType").contains("Messaging | Voice");
	}

}
