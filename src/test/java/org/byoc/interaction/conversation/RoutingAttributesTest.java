package org.byoc.interaction.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.Map;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.InteractionApiException;
import org.byoc.interaction.conversation.inbound.EntryInteraction;
import org.byoc.interaction.conversation.inbound.InteractionJson;
import org.byoc.interaction.conversation.inbound.InteractionRequest;
import org.byoc.interaction.conversation.message.TypingStartedIndicator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** routingAttributes against the channel's variables (contract §B1, check §F 28). */
class RoutingAttributesTest {

	private static final Map<String, Integer> VARIABLES = Map.of("Language", 5, "Tier", 10);

	@ParameterizedTest(name = "{0} characters for a max of 5")
	@CsvSource({ "0", "1", "5" })
	void whenDeclaredValueFitsThenItIsKept(int length) {
		Map<String, String> checked = RoutingAttributes.check(Map.of("Language", "x".repeat(length)), VARIABLES);

		assertThat(checked).containsExactly(Map.entry("Language", "x".repeat(length)));
	}

	@ParameterizedTest(name = "{0} characters for a max of 5")
	@CsvSource({ "6", "500" })
	void whenDeclaredValueIsLongerThanItsVariableAllowsThenRefusedWith10096(int length) {
		InteractionApiException refusal = catchThrowableOfType(InteractionApiException.class,
				() -> RoutingAttributes.check(Map.of("Tier", "gold", "Language", "x".repeat(length)), VARIABLES));

		assertThat(refusal.errorCode()).isEqualTo(ErrorCode.ROUTING_ATTRIBUTE_TOO_LONG);
		assertThat(refusal.getMessage()).contains("routingAttributes.Language", String.valueOf(length), "5");
	}

	@Test
	void whenAttributeIsNotDeclaredByTheChannelThenItIsIgnoredHoweverLong() {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("Tier", "gold");
		attributes.put("Unknown", "y".repeat(10_000));
		attributes.put("language", "de");
		attributes.put("Language", "en");

		assertThat(RoutingAttributes.check(attributes, VARIABLES)).containsExactly(Map.entry("Tier", "gold"),
				Map.entry("Language", "en"));
	}

	@Test
	void whenDecodedRequestCarriesAttributesThenTheCheckAppliesToThem() {
		InteractionRequest request = InteractionJson.decode("""
				{"to": "t", "from": "u", "routingAttributes": {"Language": "english"}, "interactions": [{"timestamp": 1,
				 "interactionType": "EntryInteraction", "payload": {"id": "e", "entryType": "TypingStartedIndicator",
				 "timestamp": 1}}]}""");

		InteractionApiException refusal = catchThrowableOfType(InteractionApiException.class,
				() -> RoutingAttributes.check(request.routingAttributes(), VARIABLES));

		assertThat(refusal.errorCode()).isEqualTo(ErrorCode.ROUTING_ATTRIBUTE_TOO_LONG);
	}

}
