package org.byoc.interaction.conversation.inbound;

import org.byoc.interaction.conversation.message.EntryType;
import org.byoc.interaction.conversation.message.FormatType;
import org.byoc.interaction.conversation.message.Message;
import org.byoc.interaction.conversation.message.MessageDeliveryFailed;
import org.byoc.interaction.conversation.message.MessageType;
import org.byoc.interaction.conversation.message.TypingStartedIndicator;
import org.byoc.interaction.conversation.message.TypingStoppedIndicator;
import org.byoc.interaction.outbound.Participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.byoc.interaction.conversation.inbound.InteractionJson.ENTRY_ID;
import static org.byoc.interaction.conversation.inbound.InteractionJson.FROM;
import static org.byoc.interaction.conversation.inbound.InteractionJson.TIMESTAMP;
import static org.byoc.interaction.conversation.inbound.InteractionJson.TO;
import static org.byoc.interaction.conversation.inbound.InteractionJson.decode;
import static org.byoc.interaction.conversation.inbound.InteractionJson.entry;
import static org.byoc.interaction.conversation.inbound.InteractionJson.refusal;
import static org.byoc.interaction.conversation.inbound.InteractionJson.request;
import static org.byoc.interaction.contract.ErrorCode.ATTACHMENTS_INPUT_ERROR;
import static org.byoc.interaction.contract.ErrorCode.ENTRY_ID_MISMATCH;
import static org.byoc.interaction.contract.ErrorCode.ENTRY_ID_MISSING;
import static org.byoc.interaction.contract.ErrorCode.FILE_CONTENT_LENGTH_MISSING;
import static org.byoc.interaction.contract.ErrorCode.FILE_ID_MISSING_ERROR;
import static org.byoc.interaction.contract.ErrorCode.FROM_FIELD_INVALID;
import static org.byoc.interaction.contract.ErrorCode.INTERACTION_LIST_EMPTY;
import static org.byoc.interaction.contract.ErrorCode.INTERACTION_LIST_INVALID;
import static org.byoc.interaction.contract.ErrorCode.INVALID_APP_TYPE;
import static org.byoc.interaction.contract.ErrorCode.INVALID_MESSAGE_ENTRY;
import static org.byoc.interaction.contract.ErrorCode.INVALID_PARAMETERS;
import static org.byoc.interaction.contract.ErrorCode.INVALID_PARTICIPANT_ROLE;
import static org.byoc.interaction.contract.ErrorCode.REQUEST_BODY_MISSING;
import static org.byoc.interaction.contract.ErrorCode.TO_FIELD_INVALID;

import java.util.Map;
import java.util.stream.Stream;

import org.byoc.interaction.contract.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The envelope and the entries of the json part (contract §B1, checks §F 9–29 as far as they need no channel or
 * file). Message types and formats are in {@link MessageContentDecodingTest}.
 */
class InteractionRequestDecoderTest {

	static final String FAILED_ENTRY = "0a1b2c3d-0000-4000-8000-000000000001";

	// The README's curl examples, with their placeholders filled in.

	static final String README_MESSAGE = """
			{
			  "to": "%s",
			  "from": "%s",
			  "interactions": [{
			    "timestamp": %d,
			    "interactionType": "EntryInteraction",
			    "payload": {
			      "id": "%s",
			      "entryType": "Message",
			      "abstractMessage": {
			        "messageType": "StaticContentMessage",
			        "id": "%s",
			        "staticContent": {
			          "formatType": "Text",
			          "text": "Hi there"
			        }
			      }
			    }
			  }]
			}""".formatted(TO, FROM, TIMESTAMP, ENTRY_ID, ENTRY_ID);

	static final String README_TYPING = """
			{
			  "to": "%s",
			  "from": "%s",
			  "interactions": [{
			    "timestamp": %d,
			    "interactionType": "EntryInteraction",
			    "payload": {
			      "id": "%s",
			      "entryType": "%%s",
			      "timestamp": %d
			    }
			  }]
			}""".formatted(TO, FROM, TIMESTAMP, ENTRY_ID, TIMESTAMP + 5);

	static final String README_TYPING_STARTED = README_TYPING.formatted("TypingStartedIndicator");

	static final String README_TYPING_STOPPED = README_TYPING.formatted("TypingStoppedIndicator");

	static final String README_DELIVERY_FAILED = """
			{
			  "to": "%s",
			  "from": "%s",
			  "interactions": [{
			    "timestamp": %d,
			    "interactionType": "EntryInteraction",
			    "payload": {
			      "id": "%s",
			      "entryType": "MessageDeliveryFailed",
			      "failedConversationEntryIdentifier": "%s",
			      "recipient": {
			         "appType": "custom",
			         "subject": "%s",
			         "role": "EndUser"
			      },
			      "errorCode": "500"
			    }
			  }]
			}""".formatted(TO, FROM, TIMESTAMP, ENTRY_ID, FAILED_ENTRY, FROM);

	static final String README_ATTACHMENT = """
			{
			  "to": "%s",
			  "from": "%s",
			  "interactions": [{
			    "timestamp": %d,
			    "interactionType": "AttachmentInteraction",
			    "id": "%s",
			    "attachmentIndex": 0,
			    "contentLength": 10000,
			    "text": "This is my file"
			  }]
			}""".formatted(TO, FROM, TIMESTAMP, ENTRY_ID);

	static Stream<Arguments> readmeExamples() {
		return Stream.of(Arguments.of("Message", README_MESSAGE, Message.class),
				Arguments.of("TypingStartedIndicator", README_TYPING_STARTED, TypingStartedIndicator.class),
				Arguments.of("TypingStoppedIndicator", README_TYPING_STOPPED, TypingStoppedIndicator.class),
				Arguments.of("MessageDeliveryFailed", README_DELIVERY_FAILED, MessageDeliveryFailed.class),
				Arguments.of("AttachmentInteraction", README_ATTACHMENT, AttachmentInteraction.class));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("readmeExamples")
	void whenReadmeExampleIsDecodedThenItIsAcceptedWithItsAddressAndId(String name, String json, Class<?> kind) {
		InteractionRequest request = decode(json);

		assertThat(request.to()).isEqualTo(TO);
		assertThat(request.from()).isEqualTo(FROM);
		assertThat(request.routingAttributes()).isEmpty();
		assertThat(request.interaction().timestamp()).isEqualTo(TIMESTAMP);
		assertThat(request.interaction().id()).isEqualTo(ENTRY_ID);
		Object decoded = (request.interaction() instanceof EntryInteraction entry) ? entry.entry()
				: request.interaction();
		assertThat(decoded).isInstanceOf(kind);
	}

	@Test
	void whenReadmeMessageIsDecodedThenTheTextMessageIsKept() {
		Message message = InteractionJson.decodeMessage(README_MESSAGE);

		assertThat(message.id()).isEqualTo(ENTRY_ID);
		assertThat(message.entryType()).isEqualTo(EntryType.Message);
		assertThat(message.abstractMessage().id()).isEqualTo(ENTRY_ID);
		assertThat(message.abstractMessage().messageType()).isEqualTo(MessageType.StaticContentMessage);
		assertThat(message.abstractMessage().formatType()).isEqualTo(FormatType.Text);
		assertThat(message.abstractMessage().text()).contains("Hi there");
		assertThat(message.abstractMessage().inReplyToMessageId()).isEmpty();
	}

	@Test
	void whenTypingIndicatorsAreDecodedThenTheirOwnTimestampIsKept() {
		EntryInteraction started = (EntryInteraction) decode(README_TYPING_STARTED).interaction();
		EntryInteraction stopped = (EntryInteraction) decode(README_TYPING_STOPPED).interaction();

		assertThat(started.entry()).isEqualTo(new TypingStartedIndicator(ENTRY_ID, TIMESTAMP + 5));
		assertThat(stopped.entry()).isEqualTo(new TypingStoppedIndicator(ENTRY_ID, TIMESTAMP + 5));
	}

	@Test
	void whenMessageDeliveryFailedIsDecodedThenRecipientCodeAndFailedEntryAreKept() {
		EntryInteraction interaction = (EntryInteraction) decode(README_DELIVERY_FAILED).interaction();

		assertThat(interaction.entry()).isEqualTo(new MessageDeliveryFailed(ENTRY_ID,
				new Participant("custom", FROM, "EndUser"), "500", null, FAILED_ENTRY));
	}

	@Test
	void whenMessageDeliveryFailedHasAnErrorMessageAndNumericErrorCodeThenBothAreKeptAsText() {
		EntryInteraction interaction = (EntryInteraction) decode(entry("""
				{"id": "e1", "entryType": "MessageDeliveryFailed", "errorCode": 4, "errorMessage": "handset off",
				 "recipient": {"appType": "custom", "subject": "u1", "role": "EndUser"}}""")).interaction();

		assertThat(interaction.entry())
			.isEqualTo(new MessageDeliveryFailed("e1", Participant.endUser("u1"), "4", "handset off", null));
	}

	@Test
	void whenAttachmentInteractionIsDecodedThenIndexLengthAndCaptionAreKept() {
		assertThat(decode(README_ATTACHMENT).interaction())
			.isEqualTo(new AttachmentInteraction(TIMESTAMP, ENTRY_ID, 0, 10000, "This is my file"));
	}

	@ParameterizedTest(name = "text {0}")
	@MethodSource("absentCaptions")
	void whenAttachmentCaptionIsAbsentOrNullThenTextIsNull(String textMember) {
		AttachmentInteraction attachment = (AttachmentInteraction) decode(request("""
				{"timestamp": 1, "interactionType": "AttachmentInteraction", "id": "a1", "attachmentIndex": 0,
				 "contentLength": 5%s}""".formatted(textMember))).interaction();

		assertThat(attachment.text()).isNull();
		assertThat(attachment.contentLength()).isEqualTo(5);
	}

	static Stream<String> absentCaptions() {
		return Stream.of("", ", \"text\": null");
	}

	@Test
	void whenRoutingAttributesAreStringsThenTheyAreKeptInOrderAndNullsDropped() {
		InteractionRequest request = decode("""
				{"to": "%s", "from": "%s", "routingAttributes": {"b": "2", "a": "x", "n": null, "d": 7},
				 "interactions": [{"timestamp": 1, "interactionType": "EntryInteraction",
				   "payload": {"id": "e1", "entryType": "TypingStartedIndicator", "timestamp": 1}}]}"""
			.formatted(TO, FROM));

		assertThat(request.routingAttributes()).containsExactly(Map.entry("b", "2"), Map.entry("a", "x"),
				Map.entry("d", "7"));
	}

	@Test
	void whenFieldsAreUnknownAtEveryLevelThenTheyAreIgnored() {
		InteractionRequest request = decode("""
				{"to": "%s", "from": "%s", "channel": {"x": [1, 2]}, "interactions": [{"timestamp": %d,
				 "interactionType": "EntryInteraction", "extra": true,
				 "payload": {"id": "%s", "entryType": "Message", "messageReason": "Consent", "junk": null,
				   "abstractMessage": {"id": "%s", "messageType": "StaticContentMessage", "color": "red",
				     "staticContent": {"formatType": "Text", "text": "hi", "font": "serif"}}}}]}"""
			.formatted(TO, FROM, TIMESTAMP, ENTRY_ID, ENTRY_ID));

		Message message = (Message) ((EntryInteraction) request.interaction()).entry();
		assertThat(message.abstractMessage().text()).contains("hi");
		assertThat(message.entryPayloadJson()).doesNotContain("messageReason", "junk", "color", "font", "channel");
	}

	@Test
	void whenClientTimestampIsOldThenItIsAccepted() {
		InteractionRequest request = decode(request("""
				{"timestamp": 1, "interactionType": "EntryInteraction",
				 "payload": {"id": "e1", "entryType": "TypingStoppedIndicator", "timestamp": 0}}"""));

		assertThat(request.interaction().timestamp()).isEqualTo(1);
		assertThat(((EntryInteraction) request.interaction()).entry()).isEqualTo(new TypingStoppedIndicator("e1", 0));
	}

	@Test
	void whenNumbersArriveAsDigitStringsOrAddressesAsNumbersThenTheyAreReadLikeTheVendorDoes() {
		InteractionRequest request = decode("""
				{"to": "%s", "from": 15551234567, "interactions": [{"timestamp": "%d",
				 "interactionType": "AttachmentInteraction", "id": "a1", "attachmentIndex": "0",
				 "contentLength": "42"}]}""".formatted(TO, TIMESTAMP));

		assertThat(request.from()).isEqualTo("15551234567");
		assertThat(request.interaction()).isEqualTo(new AttachmentInteraction(TIMESTAMP, "a1", 0, 42, null));
	}

	@ParameterizedTest(name = "{0} of {1} characters")
	@MethodSource("longestAddresses")
	void whenToOrFromHasTheMaximumLengthThenItIsAccepted(String field, int length) {
		String value = "x".repeat(length);
		InteractionRequest request = decode("""
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": 1, "interactionType": "EntryInteraction",
				 "payload": {"id": "e1", "entryType": "TypingStartedIndicator", "timestamp": 1}}]}"""
			.formatted(field.equals("to") ? value : TO, field.equals("from") ? value : FROM));

		assertThat(field.equals("to") ? request.to() : request.from()).hasSize(length);
	}

	static Stream<Arguments> longestAddresses() {
		return Stream.of(Arguments.of("to", 240), Arguments.of("from", 255));
	}

	static Stream<Arguments> refusals() {
		String typing = """
				{"timestamp": 1, "interactionType": "EntryInteraction",
				 "payload": {"id": "e1", "entryType": "TypingStartedIndicator", "timestamp": 1}}""";
		return Stream.of(
				// the part itself
				refused("empty part", "", REQUEST_BODY_MISSING, "json part"),
				refused("white space only", "  \n ", REQUEST_BODY_MISSING, "json part"),
				refused("not JSON", "to=abc&from=def", INVALID_PARAMETERS, "not valid JSON"),
				refused("truncated JSON", "{\"to\": \"abc\", ", INVALID_PARAMETERS, "not valid JSON"),
				refused("a JSON array", "[" + request(typing) + "]", INVALID_PARAMETERS, "JSON object"),
				refused("a JSON string", "\"hello\"", INVALID_PARAMETERS, "JSON object"),
				refused("JSON null", "null", INVALID_PARAMETERS, "JSON object"),
				refused("trailing content", request(typing) + " {}", INVALID_PARAMETERS, "not valid JSON"),
				// to and from (§F 22)
				refused("to missing", "{\"from\": \"u\", \"interactions\": [" + typing + "]}", TO_FIELD_INVALID, "to "),
				refused("to blank", envelope("\"  \"", "\"u\"", typing), TO_FIELD_INVALID, "to "),
				refused("to an object", envelope("{}", "\"u\"", typing), TO_FIELD_INVALID, "to "),
				refused("to of 241 characters", envelope("\"" + "t".repeat(241) + "\"", "\"u\"", typing),
						TO_FIELD_INVALID, "to must be at most 240"),
				refused("from missing", "{\"to\": \"t\", \"interactions\": [" + typing + "]}", FROM_FIELD_INVALID, "from "),
				refused("from empty", envelope("\"t\"", "\"\"", typing), FROM_FIELD_INVALID, "from "),
				refused("from a boolean", envelope("\"t\"", "true", typing), FROM_FIELD_INVALID, "from "),
				refused("from of 256 characters", envelope("\"t\"", "\"" + "f".repeat(256) + "\"", typing),
						FROM_FIELD_INVALID, "from must be at most 255"),
				// the interactions list (§F 21)
				refused("interactions missing", "{\"to\": \"t\", \"from\": \"u\"}", INTERACTION_LIST_INVALID, "interactions"),
				refused("interactions an object", "{\"to\": \"t\", \"from\": \"u\", \"interactions\": " + typing + "}",
						INTERACTION_LIST_INVALID, "interactions"),
				refused("interactions empty", "{\"to\": \"t\", \"from\": \"u\", \"interactions\": []}",
						INTERACTION_LIST_EMPTY, "interactions"),
				refused("two interactions", "{\"to\": \"t\", \"from\": \"u\", \"interactions\": [" + typing + ", "
						+ typing + "]}", INTERACTION_LIST_INVALID, "interactions has 2"),
				refused("interaction a string", request("\"EntryInteraction\""), INTERACTION_LIST_INVALID, "interactions[0]"),
				refused("interactionType missing", request("{\"timestamp\": 1, \"payload\": {}}"),
						INTERACTION_LIST_INVALID, "interactions[0].interactionType"),
				refused("interactionType unknown", request(typing.replace("EntryInteraction", "FileInteraction")),
						INTERACTION_LIST_INVALID, "FileInteraction"),
				refused("interaction timestamp missing", request(typing.replace("\"timestamp\": 1, \"inter", "\"inter")),
						INTERACTION_LIST_INVALID, "interactions[0].timestamp"),
				refused("interaction timestamp not a number",
						request(typing.replace("\"timestamp\": 1, \"inter", "\"timestamp\": \"yesterday\", \"inter")),
						INTERACTION_LIST_INVALID, "interactions[0].timestamp"),
				refused("interaction timestamp negative",
						request(typing.replace("\"timestamp\": 1, \"inter", "\"timestamp\": -5, \"inter")),
						INTERACTION_LIST_INVALID, "interactions[0].timestamp"),
				// routingAttributes
				refused("routingAttributes an array",
						"{\"to\": \"t\", \"from\": \"u\", \"routingAttributes\": [\"a\"], \"interactions\": [" + typing
								+ "]}", INVALID_PARAMETERS, "routingAttributes"),
				refused("routingAttributes value an object",
						"{\"to\": \"t\", \"from\": \"u\", \"routingAttributes\": {\"a\": {}}, \"interactions\": ["
								+ typing + "]}", INVALID_PARAMETERS, "routingAttributes.a"),
				// EntryInteraction payload (§F 11–18)
				refused("payload missing", request("{\"timestamp\": 1, \"interactionType\": \"EntryInteraction\"}"),
						INVALID_MESSAGE_ENTRY, "interactions[0].payload"),
				refused("payload a string", entry("\"Message\""), INVALID_MESSAGE_ENTRY, "interactions[0].payload"),
				refused("entryType missing", entry("{\"id\": \"e1\", \"timestamp\": 1}"), INVALID_MESSAGE_ENTRY, "payload.entryType"),
				refused("entryType of another endpoint",
						entry("{\"id\": \"e1\", \"entryType\": \"ParticipantChanged\", \"entries\": []}"),
						INVALID_MESSAGE_ENTRY, "payload.entryType"),
				refused("entryType in other casing",
						entry("{\"id\": \"e1\", \"entryType\": \"message\", \"timestamp\": 1}"), INVALID_MESSAGE_ENTRY, "payload.entryType"),
				refused("typing started without timestamp", entry("{\"id\": \"e1\", \"entryType\": \"TypingStartedIndicator\"}"),
						INVALID_PARAMETERS, "payload.timestamp"),
				refused("typing stopped without timestamp",
						entry("{\"id\": \"e1\", \"entryType\": \"TypingStoppedIndicator\", \"timestamp\": null}"),
						INVALID_PARAMETERS, "payload.timestamp"),
				refused("typing timestamp not an integer",
						entry("{\"id\": \"e1\", \"entryType\": \"TypingStartedIndicator\", \"timestamp\": 1.5}"),
						INVALID_PARAMETERS, "payload.timestamp"),
				refused("typing without id", entry("{\"entryType\": \"TypingStartedIndicator\", \"timestamp\": 1}"),
						ENTRY_ID_MISSING, "payload.id"),
				refused("message without payload.id", entry("""
						{"entryType": "Message", "abstractMessage": {"id": "m1", "messageType": "StaticContentMessage",
						 "staticContent": {"formatType": "Text", "text": "hi"}}}"""), ENTRY_ID_MISSING, "payload.id"),
				refused("message with blank payload.id", entry("""
						{"id": " ", "entryType": "Message", "abstractMessage": {"id": " ",
						 "messageType": "StaticContentMessage", "staticContent": {"formatType": "Text", "text": "hi"}}}"""),
						ENTRY_ID_MISSING, "payload.id"),
				refused("message without abstractMessage.id", entry("""
						{"id": "m1", "entryType": "Message", "abstractMessage": {"messageType": "StaticContentMessage",
						 "staticContent": {"formatType": "Text", "text": "hi"}}}"""), ENTRY_ID_MISSING, "abstractMessage.id"),
				refused("message ids differ", entry("""
						{"id": "m1", "entryType": "Message", "abstractMessage": {"id": "m2",
						 "messageType": "StaticContentMessage", "staticContent": {"formatType": "Text", "text": "hi"}}}"""),
						ENTRY_ID_MISMATCH, "abstractMessage.id"),
				refused("message id too long", entry("""
						{"id": "%s", "entryType": "Message", "abstractMessage": {"id": "%<s",
						 "messageType": "StaticContentMessage", "staticContent": {"formatType": "Text", "text": "hi"}}}"""
					.formatted("i".repeat(256))), INVALID_PARAMETERS, "payload.id"),
				refused("message without abstractMessage", entry("{\"id\": \"m1\", \"entryType\": \"Message\"}"),
						INVALID_MESSAGE_ENTRY, "payload.abstractMessage"),
				refused("abstractMessage a string",
						entry("{\"id\": \"m1\", \"entryType\": \"Message\", \"abstractMessage\": \"hi\"}"),
						INVALID_MESSAGE_ENTRY, "payload.abstractMessage"),
				// MessageDeliveryFailed (§F 13–16)
				refused("delivery failure without recipient",
						entry("{\"id\": \"e1\", \"entryType\": \"MessageDeliveryFailed\", \"errorCode\": \"500\"}"),
						INVALID_PARAMETERS, "payload.recipient"),
				refused("delivery failure without errorCode", deliveryFailed("custom", "\"u1\"", "EndUser", null),
						INVALID_PARAMETERS, "payload.errorCode"),
				refused("delivery failure to an agent app", deliveryFailed("agent", "\"u1\"", "EndUser", "500"),
						INVALID_APP_TYPE, "recipient.appType"),
				refused("delivery failure with numeric appType", deliveryFailed("11", "\"u1\"", "EndUser", "500"),
						INVALID_APP_TYPE, "recipient.appType"),
				refused("delivery failure without appType", entry("""
						{"id": "e1", "entryType": "MessageDeliveryFailed", "errorCode": "500",
						 "recipient": {"subject": "u1", "role": "EndUser"}}"""), INVALID_APP_TYPE, "recipient.appType"),
				refused("delivery failure to an Agent role", deliveryFailed("custom", "\"u1\"", "Agent", "500"),
						INVALID_PARTICIPANT_ROLE, "recipient.role"),
				refused("delivery failure with role in other casing", deliveryFailed("custom", "\"u1\"", "enduser", "500"),
						INVALID_PARTICIPANT_ROLE, "recipient.role"),
				refused("delivery failure without subject", deliveryFailed("custom", "null", "EndUser", "500"),
						INVALID_PARAMETERS, "recipient.subject"),
				// AttachmentInteraction (§F 26)
				refused("attachment without id", attachment(null, "0", "10"), FILE_ID_MISSING_ERROR, "interactions[0].id"),
				refused("attachment with empty id", attachment("\"\"", "0", "10"), FILE_ID_MISSING_ERROR, "interactions[0].id"),
				refused("attachment with blank id", attachment("\"   \"", "0", "10"), FILE_ID_MISSING_ERROR, "interactions[0].id"),
				refused("attachment without contentLength", attachment("\"a1\"", "0", null),
						FILE_CONTENT_LENGTH_MISSING, "contentLength"),
				refused("attachment with null contentLength", attachment("\"a1\"", "0", "null"),
						FILE_CONTENT_LENGTH_MISSING, "contentLength"),
				refused("attachment with contentLength not a number", attachment("\"a1\"", "0", "\"ten\""),
						INVALID_PARAMETERS, "contentLength"),
				refused("attachment with negative contentLength", attachment("\"a1\"", "0", "-1"), INVALID_PARAMETERS, "contentLength"),
				refused("attachment without attachmentIndex", attachment("\"a1\"", null, "10"), ATTACHMENTS_INPUT_ERROR, "attachmentIndex"),
				refused("attachment with negative attachmentIndex", attachment("\"a1\"", "-1", "10"),
						ATTACHMENTS_INPUT_ERROR, "attachmentIndex"),
				refused("attachment with attachmentIndex not a number", attachment("\"a1\"", "\"first\"", "10"),
						ATTACHMENTS_INPUT_ERROR, "attachmentIndex"),
				refused("attachment with caption an object",
						request("{\"timestamp\": 1, \"interactionType\": \"AttachmentInteraction\", \"id\": \"a1\","
								+ " \"attachmentIndex\": 0, \"contentLength\": 3, \"text\": {}}"),
						INVALID_PARAMETERS, "interactions[0].text"));
	}

	@ParameterizedTest(name = "{0} -> {2}")
	@MethodSource("refusals")
	void whenJsonPartBreaksARuleThenItIsRefusedWithTheContractCodeNamingTheField(String rule, String json,
			ErrorCode code, String field) {
		assertThat(refusal(json, code).getMessage()).contains(field);
	}

	private static Arguments refused(String rule, String json, ErrorCode code, String field) {
		return Arguments.of(rule, json, code, field);
	}

	private static String envelope(String to, String from, String interaction) {
		return "{\"to\": " + to + ", \"from\": " + from + ", \"interactions\": [" + interaction + "]}";
	}

	private static String deliveryFailed(String appType, String subject, String role, String errorCode) {
		return entry("""
				{"id": "e1", "entryType": "MessageDeliveryFailed", %s
				 "recipient": {"appType": "%s", "subject": %s, "role": "%s"}}"""
			.formatted(errorCode == null ? "" : "\"errorCode\": \"" + errorCode + "\",", appType, subject, role));
	}

	private static String attachment(String id, String index, String contentLength) {
		StringBuilder json = new StringBuilder("{\"timestamp\": 1, \"interactionType\": \"AttachmentInteraction\"");
		if (id != null) {
			json.append(", \"id\": ").append(id);
		}
		if (index != null) {
			json.append(", \"attachmentIndex\": ").append(index);
		}
		if (contentLength != null) {
			json.append(", \"contentLength\": ").append(contentLength);
		}
		return request(json.append("}").toString());
	}

}
