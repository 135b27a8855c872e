package org.byoc.interaction.routing;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.routing.consent.ConsentStatus;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/** PATCH /api/v1/consent through HTTP: contract checks §F 40–44 (and 8), in the {success, errorDetail} envelope. */
class ConsentApiTest extends RoutingApiTestBase {

	@Test
	void whenAPartnerOwnedChannelsEndUserOptsInThenTheStatusIsStoredAndLaterChanges() {
		Started conversation = startConversation(partnerA());

		HttpResponse<String> response = consent(partnerA(), conversation.endUser(), partnerA().address(),
				"ExplicitlyOptedIn");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(json(response).get("success").asBoolean()).isTrue();
		assertThat(json(response).has("errorDetail")).isFalse();
		assertThat(stored(conversation)).isEqualTo(ConsentStatus.ExplicitlyOptedIn);

		assertThat(consent(partnerA(), conversation.endUser(), partnerA().address(), "OptedOut").statusCode())
			.isEqualTo(200);
		assertThat(stored(conversation)).isEqualTo(ConsentStatus.OptedOut);
	}

	@Test
	void whenTheVendorsReadmeBodyWithItsStrayClosingBraceIsSentThenItIsAccepted() {
		Started conversation = startConversation(partnerA());
		// exactly the shape of the vendor README's consent example
		String body = "{\n  \"endUserClientId\" : \"" + conversation.endUser() + "\",\n  \"channelAddressIdentifier\" : \""
				+ partnerA().address() + "\",\n  \"consentStatus\" : \"ImplicitlyOptedIn\"\n  }\n}";
		HttpResponse<String> response = call("PATCH", "/api/v1/consent", partnerA(), body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(stored(conversation)).isEqualTo(ConsentStatus.ImplicitlyOptedIn);
	}

	@Test
	void whenTheStatusIsNotInTheEnumThenItIsRefusedWith10021InTheEnvelope() {
		Started conversation = startConversation(partnerA());
		assertEnvelopeRefusal(consent(partnerA(), conversation.endUser(), partnerA().address(), "OptIn"), 10021);
		assertThat(this.consents.consent(partnerA().orgId(), partnerA().address(), conversation.endUser())).isEmpty();
	}

	@Test
	void whenTheChannelsConsentOwnerIsNotThePartnerThenItIsRefusedWith10022() {
		Started conversation = startConversation(fixture.salesforceRoutedA());
		assertEnvelopeRefusal(consent(fixture.salesforceRoutedA(), conversation.endUser(),
				PartnerFixture.SALESFORCE_ROUTED_ADDRESS, "OptedOut"), 10022);
		assertThat(this.consents.consent(partnerA().orgId(), PartnerFixture.SALESFORCE_ROUTED_ADDRESS,
				conversation.endUser())).isEmpty();
	}

	@Test
	void whenTheChannelSupportsKeywordsThenItIsRefusedWith10023() {
		Started conversation = startConversation(fixture.keywordsA());
		assertEnvelopeRefusal(consent(fixture.keywordsA(), conversation.endUser(), PartnerFixture.KEYWORDS_ADDRESS,
				"OptedOut"), 10023);
	}

	@Test
	void whenTheAddressOrEndUserIsUnknownThenItIsRefusedWith10017Or10025() {
		Started conversation = startConversation(partnerA());
		assertEnvelopeRefusal(consent(partnerA(), conversation.endUser(), uuid(), "OptedOut"), 10017);
		// an end user who never wrote on the address has no conversation there: nothing to set consent for
		assertEnvelopeRefusal(consent(partnerA(), "+15550000000", partnerA().address(), "OptedOut"), 10025);
	}

	@Test
	void whenAnotherOrgsAddressAndEndUserAreNamedThenTheAddressIsUnknown() {
		Started inB = startConversation(fixture.partnerB());
		HttpResponse<String> response = consent(partnerA(), inB.endUser(), fixture.partnerB().address(), "OptedOut");
		assertEnvelopeRefusal(response, 10017);
		assertThat(this.consents.consent(fixture.partnerB().orgId(), fixture.partnerB().address(), inB.endUser()))
			.isEmpty();
	}

	@Test
	void whenAFieldIsLongerThan240CharactersThenItIsAValidationError() {
		Started conversation = startConversation(partnerA());
		String long241 = "x".repeat(241);
		assertEnvelopeRefusal(consent(partnerA(), long241, partnerA().address(), "OptedOut"), 10089);
		assertEnvelopeRefusal(consent(partnerA(), conversation.endUser(), long241, "OptedOut"), 10089);
	}

	@Test
	void whenTheBodyIsEmptyThenItIsRefusedWith10100InTheEnvelope() {
		assertEnvelopeRefusal(call("PATCH", "/api/v1/consent", partnerA(), null), 10100);
	}

	HttpResponse<String> consent(PartnerFixture.App app, String endUser, String address, String status) {
		return call("PATCH", "/api/v1/consent", app, """
				{"endUserClientId": "%s", "channelAddressIdentifier": "%s", "consentStatus": "%s"}"""
			.formatted(endUser, address, status));
	}

	ConsentStatus stored(Started conversation) {
		return this.consents.consent(conversation.app().orgId(), conversation.app().address(), conversation.endUser())
			.orElseThrow();
	}

	static void assertEnvelopeRefusal(HttpResponse<String> response, int code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		JsonNode body = json(response);
		assertThat(body.get("success").asBoolean()).isFalse();
		assertThat(body.at("/errorDetail/code").asInt()).as(response.body()).isEqualTo(code);
		assertThat(body.at("/errorDetail/message").asString()).isNotBlank();
	}

}
