package org.byoc.interaction.conversation;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.byoc.interaction.conversation.capabilities.CapabilityRepository;
import org.byoc.interaction.conversation.capabilities.ChannelCapabilities;
import org.byoc.interaction.support.PartnerFixture;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PATCH /api/v1/capabilities} over HTTP (contract §B6, check 60), and the rule that honours a registration:
 * an agent reply the channel did not register is refused at the admin API. Every test registers on the fixture's
 * capabilities channel, which no other test writes to.
 */
class CapabilitiesApiTest extends ConversationApiTestBase {

	static final String CHANNEL = PartnerFixture.CAPABILITIES_CHANNEL_A;

	@Autowired
	CapabilityRepository repository;

	@Test
	void whenAValidRegistrationIsSentThenItAnswersSuccessAndIsStoredForTheChannel() {
		HttpResponse<String> response = register(capabilities("""
				{"messageType": "StaticContentMessage", "formatTypeCapabilities": [
				  {"formatType": "Text", "capabilityFieldRestriction": [{"fieldJsonPath": "$.staticContent.text",
				    "restriction": {"fieldRestrictionType": "StringFieldRestriction", "encoding": "UTF8", "maxLength": 320}}]},
				  {"formatType": "Attachments", "capabilityFieldRestriction": [
				    {"fieldJsonPath": "$.staticContent.attachments.mimeType",
				     "restriction": {"fieldRestrictionType": "MimeTypeRestriction", "mimeType": "image/png"}},
				    {"fieldJsonPath": "$.staticContent.attachments",
				     "restriction": {"fieldRestrictionType": "FileSizeRestriction", "maxSizeInKb": 5120}}]}]},
				{"messageType": "ChoicesMessage", "formatTypeCapabilities": [{"formatType": "Buttons",
				  "capabilityFieldRestriction": [{"fieldJsonPath": "$.choices.optionItems",
				    "restriction": {"fieldRestrictionType": "ArrayRestriction", "maxItems": 3}}]}]}""",
				", \"progressIndicatorTypeCapabilities\": [{\"progressIndicatorType\": \"ProgressUpdateIndicator\", "
						+ "\"formatTypeCapabilities\": [{\"formatType\": \"Text\"}]}]"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(json(response).get("success").asBoolean()).isTrue();

		JsonNode stored = json.readTree(this.repository
			.find(PartnerFixture.ORG_A_KEY, ChannelCapabilities.CHANNEL_INTEGRATION, CHANNEL)
			.orElseThrow());
		assertThat(stored.at("/messageTypeCapabilities/0/formatTypeCapabilities/0/capabilityFieldRestriction/0/restriction/maxLength")
			.asInt()).isEqualTo(320);
		assertThat(stored.at("/messageTypeCapabilities/1/messageType").asString()).isEqualTo("ChoicesMessage");
		assertThat(stored.at("/progressIndicatorTypeCapabilities/0/progressIndicatorType").asString())
			.isEqualTo("ProgressUpdateIndicator");
	}

	@Test
	void whenProgressIndicatorCapabilitiesAreEmptyThen10098AndNothingChanges() {
		registerTextOnly();
		String before = storedCapabilities();
		HttpResponse<String> response = register(capabilities("""
				{"messageType": "ChoicesMessage", "formatTypeCapabilities": [{"formatType": "Buttons"}]}""",
				", \"progressIndicatorTypeCapabilities\": []"));
		assertRefusedInEnvelope(response, 400, 10098);
		assertThat(storedCapabilities()).isEqualTo(before);
	}

	@Test
	void whenAMessageOrFormatTypeIsUnknownOrMismatchedThenItsCodeAndNothingChanges() {
		registerTextOnly();
		String before = storedCapabilities();
		assertRefusedInEnvelope(register(capabilities("""
				{"messageType": "Foo", "formatTypeCapabilities": [{"formatType": "Text"}]}""", "")), 400, 10047);
		assertRefusedInEnvelope(register(capabilities("""
				{"messageType": "StaticContentMessage", "formatTypeCapabilities": [{"formatType": "Bogus"}]}""", "")),
				400, 10048);
		assertRefusedInEnvelope(register(capabilities("""
				{"messageType": "StaticContentMessage", "formatTypeCapabilities": [{"formatType": "Buttons"}]}""", "")),
				400, 10049);
		assertThat(storedCapabilities()).isEqualTo(before);
	}

	@Test
	void whenTheCustomIntegrationIsInvalidOrNotTheCallersThen10050() {
		String text = """
				"messageTypeCapabilities": [{"messageType": "StaticContentMessage",
				 "formatTypeCapabilities": [{"formatType": "Text"}]}]""";
		for (String integration : List.of(
				"{\"customIntegrationType\": \"CustomFooIntegration\"}",
				"{\"customIntegrationType\": \"CustomChannelIntegration\", \"integrationNamespace\": \"acme\"}",
				"{\"customIntegrationType\": \"CustomChannelIntegration\", \"integrationNamespace\": \"acme\", "
						+ "\"conversationChannelDefinitionDevName\": \"" + fixture.reportingA().channel() + "\"}",
				"{\"customIntegrationType\": \"CustomBotIntegration\", \"integrationNamespace\": \"acme\", "
						+ "\"extConvParticipantIntegDefDevName\": \"No_ExtConvParticipantIntegDef\"}")) {
			HttpResponse<String> response = call("PATCH", "/api/v1/capabilities", fixture.capabilitiesA(), """
					{"capabilities": {"appType": "custom", "channelCapabilities": [{"customIntegration": %s, %s}]}}"""
				.formatted(integration, text));
			assertRefusedInEnvelope(response, 400, 10050);
		}
	}

	@Test
	void whenABotIntegrationRegistersThenItsCapabilitiesAreStoredUnderIt() {
		HttpResponse<String> response = call("PATCH", "/api/v1/capabilities", fixture.botA(), """
				{"capabilities": {"appType": "custom", "channelCapabilities": [{"customIntegration":
				 {"customIntegrationType": "CustomBotIntegration", "integrationNamespace": "00D5g000001OrgA",
				  "extConvParticipantIntegDefDevName": "%s"},
				 "messageTypeCapabilities": [{"messageType": "FormMessage", "formatTypeCapabilities": [{"formatType":
				 "Inputs"}]}]}]}}""".formatted(PartnerFixture.BOT_INTEGRATION_A), "AuthorizationContextType",
				"EXTERNALCONVERSATIONPARTICIPANT");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(this.repository.find(PartnerFixture.ORG_A_KEY, ChannelCapabilities.BOT_INTEGRATION,
				PartnerFixture.BOT_INTEGRATION_A)).hasValueSatisfying((stored) -> assertThat(stored).contains("FormMessage"));
	}

	@Test
	void whenTheChannelDidNotRegisterTextThenAnAgentTextReplyIsRefusedAndNothingIsSent() {
		String conversation = endUserWrites(fixture.capabilitiesA(), newEndUser(), uuid(), "hello");
		assertThat(register(capabilities("""
				{"messageType": "ChoicesMessage", "formatTypeCapabilities": [{"formatType": "Buttons"}]}""", ""))
			.statusCode()).isEqualTo(200);

		HttpResponse<String> refused = admin("POST", "/admin/api/conversations/" + conversation + "/messages", """
				{"senderUserId": "%s", "text": "Hi there"}""".formatted(AGENT));
		assertRefused(refused, 400, 10049);
		assertThat(json(refused).get("message").asString()).contains(CHANNEL).contains("StaticContentMessage")
			.contains("Text");
		assertThat(this.conversations.transcript(conversation)).extracting((e) -> e.sender().role())
			.containsExactly("EndUser");

		registerTextOnly();
		agentReplies(conversation, "Within limits");
		HttpResponse<String> tooLong = admin("POST", "/admin/api/conversations/" + conversation + "/messages", """
				{"senderUserId": "%s", "text": "%s"}""".formatted(AGENT, "x".repeat(21)));
		assertRefused(tooLong, 400, 10089);
		assertThat(this.conversations.transcript(conversation)).extracting((e) -> e.sender().role())
			.containsExactly("EndUser", "Agent");
	}

	@Test
	void whenTheHeaderNamesTheChannelTypeInAnyCaseThenTheRegistrationIsAccepted() {
		HttpResponse<String> response = call("PATCH", "/api/v1/capabilities", fixture.capabilitiesA(),
				capabilities("""
						{"messageType": "StaticContentMessage", "formatTypeCapabilities": [{"formatType": "Text"}]}""",
						""),
				"AuthorizationContextType", "conversationchanneldefinition");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void whenTheBodyIsMissingOrTheAppTypeIsWrongThenTheEnvelopeSaysWhy() {
		assertRefusedInEnvelope(call("PATCH", "/api/v1/capabilities", fixture.capabilitiesA(), ""), 400, 10100);
		assertRefusedInEnvelope(call("PATCH", "/api/v1/capabilities", fixture.capabilitiesA(), """
				{"capabilities": {"appType": "agent", "channelCapabilities": []}}"""), 400, 10037);
	}

	private void registerTextOnly() {
		HttpResponse<String> response = register(capabilities("""
				{"messageType": "StaticContentMessage", "formatTypeCapabilities": [{"formatType": "Text",
				 "capabilityFieldRestriction": [{"fieldJsonPath": "$.staticContent.text", "restriction":
				 {"fieldRestrictionType": "StringFieldRestriction", "encoding": "GSM", "maxLength": 20}}]}]}""", ""));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private String storedCapabilities() {
		return this.repository.find(PartnerFixture.ORG_A_KEY, ChannelCapabilities.CHANNEL_INTEGRATION, CHANNEL)
			.orElseThrow();
	}

	private HttpResponse<String> register(String body) {
		return call("PATCH", "/api/v1/capabilities", fixture.capabilitiesA(), body);
	}

	/** A registration for the caller's channel with these messageTypeCapabilities items and extra item fields. */
	private static String capabilities(String messageTypes, String extra) {
		return """
				{"capabilities": {"appType": "custom", "channelCapabilities": [{"channelType": "custom",
				 "messageTypeCapabilities": [%s]%s}]}}""".formatted(messageTypes, extra);
	}

}
