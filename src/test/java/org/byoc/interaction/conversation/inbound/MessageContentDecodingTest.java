package org.byoc.interaction.conversation.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.byoc.interaction.conversation.inbound.InteractionJson.content;
import static org.byoc.interaction.conversation.inbound.InteractionJson.decodeMessage;
import static org.byoc.interaction.conversation.inbound.InteractionJson.message;
import static org.byoc.interaction.conversation.inbound.InteractionJson.refusal;
import static org.byoc.interaction.conversation.inbound.InteractionJson.staticContent;
import static org.byoc.interaction.contract.ErrorCode.END_USER_MESSAGE_TYPE_INVALID;
import static org.byoc.interaction.contract.ErrorCode.INVALID_FORMAT_TYPE_ERROR;
import static org.byoc.interaction.contract.ErrorCode.INVALID_MESSAGE_ENTRY;
import static org.byoc.interaction.contract.ErrorCode.INVALID_MESSAGE_TYPE_ERROR;
import static org.byoc.interaction.contract.ErrorCode.INVALID_MESSAGE_TYPE_FORMAT_TYPE_ERROR;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.byoc.interaction.conversation.message.FormatType;
import org.byoc.interaction.conversation.message.Message;
import org.byoc.interaction.conversation.message.MessageType;

/** Message types, format types and the inbound formats of an end user's message (contract §C, checks §F 17–20). */
class MessageContentDecodingTest {

	static final String TITLE = """
			{"itemType": "TitleItem", "title": "Yes", "subTitle": "really"}""";

	/** One valid end-user message per inbound messageType / formatType pair of §C.3. */
	static Stream<Arguments> inboundPairs() {
		return Stream.of(
				pair("StaticContentMessage", "staticContent", "Text", "\"text\": \"Hi there\""),
				pair("StaticContentMessage", "staticContent", "Attachments", """
						"text": "my photo", "attachments": [{"id": "5c1e8f0a-1111-4222-8333-944445555666",
						 "name": "photo.png", "mimeType": "image/png", "url": "https://files.example/photo.png",
						 "referenceId": "ref-1", "attachmentUploadResult": {"resultType": "CompletedAttachmentUploadResult"}}]"""),
				pair("StaticContentMessage", "staticContent", "Links", """
						"links": [{"url": "https://example.com/order/42"}]"""),
				pair("StaticContentMessage", "staticContent", "ExperienceType", """
						"values": [{"valueType": "ExperienceTypeValue", "type": "AppleAuth", "value": {"b": 1, "a": [true]}}],
						"message": "Sign in" """),
				pair("ChoicesResponseMessage", "choicesResponse", "Selections", """
						"selectedOptions": [{"optionIdentifier": "opt-1", "optionTitle": %s}]""".formatted(TITLE)),
				pair("FormResponseMessage", "formResponse", "Inputs", """
						"formTitle": {"itemType": "TitleImageItem", "title": "Order", "imageId": "img-1"},
						"inputValues": [
						  {"inputValueType": "SingleInputValue", "inputId": "name", "inputlabel": %s,
						   "value": {"valueType": "TextValue", "textValue": "Ann"}, "displayValue": "Ann"},
						  {"inputValueType": "SelectedOptionsInputValue", "inputId": "size",
						   "selectedOptions": [{"optionIdentifier": "L"}]}]""".formatted(TITLE)),
				pair("FormResponseMessage", "formResponse", "Result", """
						"result": {"resultType": "FormRecordsResult",
						 "records": [{"recordReferenceId": "001xx000003DGb2", "isCreated": true, "resultMessage": "Saved"}]}"""));
	}

	private static Arguments pair(String messageType, String field, String formatType, String members) {
		return Arguments.of(MessageType.valueOf(messageType), field, FormatType.valueOf(formatType), members);
	}

	@ParameterizedTest(name = "{0} / {2}")
	@MethodSource("inboundPairs")
	void whenEndUserSendsAnInboundPairThenTheMessageIsAccepted(MessageType messageType, String field,
			FormatType formatType, String members) {
		Message message = decodeMessage(content(messageType.name(), field, formatType.name(), members));

		assertThat(message.abstractMessage().messageType()).isEqualTo(messageType);
		assertThat(message.abstractMessage().formatType()).isEqualTo(formatType);
		assertThat(message.abstractMessage().tree().get(field).get("formatType").stringValue())
			.isEqualTo(formatType.name());
	}

	@Test
	void whenInboundPairsAreListedThenTheyAreExactlyTheEndUserFormatsOfEachMessageType() {
		Set<String> tested = new java.util.HashSet<>();
		inboundPairs().forEach((a) -> tested.add(a.get()[0] + "/" + a.get()[2]));
		Set<String> declared = new java.util.HashSet<>();
		for (MessageType type : MessageType.values()) {
			type.endUserFormatTypes().forEach((format) -> declared.add(type + "/" + format));
		}
		assertThat(tested).isEqualTo(declared);
	}

	@Test
	void whenContractTableC3IsCheckedThenEachMessageTypeHasItsFormatTypes() {
		assertThat(MessageType.StaticContentMessage.formatTypes()).containsExactlyInAnyOrder(FormatType.Text,
				FormatType.Attachments, FormatType.Links, FormatType.ExperienceType, FormatType.RichLink,
				FormatType.Media, FormatType.WebView, FormatType.Application);
		assertThat(MessageType.ChoicesMessage.formatTypes()).containsExactlyInAnyOrder(FormatType.Buttons,
				FormatType.QuickReplies, FormatType.Carousel, FormatType.ListPicker, FormatType.TimePicker,
				FormatType.MessageDefinition);
		assertThat(MessageType.ChoicesResponseMessage.formatTypes()).containsExactly(FormatType.Selections);
		assertThat(MessageType.FormMessage.formatTypes()).containsExactlyInAnyOrder(FormatType.Inputs,
				FormatType.MessageDefinition);
		assertThat(MessageType.FormResponseMessage.formatTypes()).containsExactlyInAnyOrder(FormatType.Inputs,
				FormatType.Result);
		assertThat(Arrays.stream(MessageType.values()).filter(MessageType::sentByEndUser)).containsExactlyInAnyOrder(
				MessageType.StaticContentMessage, MessageType.ChoicesResponseMessage, MessageType.FormResponseMessage);
	}

	@Test
	void whenChoicesResponseAnswersAChoicesMessageThenInReplyToIsKept() {
		Message message = decodeMessage(message("""
				"messageType": "ChoicesResponseMessage", "inReplyToMessageId": "a133c185-73a7-4adf-b6d9-b7fd62babb4e",
				"choicesResponse": {"formatType": "Selections", "selectedOptions": [{"optionIdentifier": "opt-2"}]}"""));

		assertThat(message.abstractMessage().inReplyToMessageId()).contains("a133c185-73a7-4adf-b6d9-b7fd62babb4e");
		assertThat(message.abstractMessage().text()).isEmpty();
	}

	@Test
	void whenMessageHasOptionalEnvelopeFieldsThenTheyAreKept() {
		Message message = decodeMessage(message("""
				"messageType": "StaticContentMessage", "customHandlingType": "Survey",
				"references": [{"recordId": "068xx0000001", "id": "ref-9"}],
				"staticContent": {"formatType": "Text", "text": "5 stars"}"""));

		assertThat(message.abstractMessage().tree().get("customHandlingType").stringValue()).isEqualTo("Survey");
		assertThat(message.abstractMessage().tree().get("references").get(0).get("recordId").stringValue())
			.isEqualTo("068xx0000001");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("captions")
	void whenFormatHasAHumanTextThenTextAnswersIt(String formatType, String members, String expected) {
		assertThat(decodeMessage(staticContent(formatType, members)).abstractMessage().text()).contains(expected);
	}

	static Stream<Arguments> captions() {
		return Stream.of(Arguments.of("Text", "\"text\": \"plain\"", "plain"),
				Arguments.of("Attachments", """
						"text": "caption", "attachments": [{"id": "a", "name": "n", "mimeType": "image/png", "url": "u"}]""",
						"caption"),
				Arguments.of("ExperienceType", """
						"message": "msg", "values": [{"type": "t", "value": 1}]""", "msg"));
	}

	/** Every value type an end user may send, inside a SingleInputValue. */
	static Stream<String> values() {
		return Stream.of("""
				{"valueType": "TextValue", "textValue": "Ann"}""", """
				{"valueType": "BooleanValue", "booleanValue": false}""", """
				{"valueType": "IntegerValue", "integerValue": 42}""", """
				{"valueType": "DoubleValue", "doubleValue": 4.5}""", """
				{"valueType": "UrlValue", "urlValue": "https://example.com"}""", """
				{"valueType": "DateValue", "dateValue": "2026-11-25"}""", """
				{"valueType": "DateTimeValue", "dateTimeValue": "2026-11-25T10:00:00Z"}""", """
				{"valueType": "ReferenceValue", "referenceId": "r1"}""", """
				{"valueType": "ImageReferenceValue", "imageReferenceId": "i1"}""", """
				{"valueType": "AssetReferenceValue", "assetReferenceId": "a1"}""", """
				{"valueType": "ListValue", "items": [{"valueType": "IntegerValue", "integerValue": 1},
				 {"valueType": "ListValue", "items": [{"valueType": "TextValue", "textValue": "x"}]}]}""", """
				{"valueType": "CompositeValue", "items": [{"name": "street",
				 "value": {"valueType": "TextValue", "textValue": "Main St"}}]}""", """
				{"valueType": "LocationValue", "location": {"itemType": "LocationItem", "name": "HQ",
				 "latitude": 37.7725, "longitude": -122.4311, "radius": 50}}""", """
				{"valueType": "ExperienceTypeValue", "type": "t", "value": "anything"}""");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("values")
	void whenFormResponseCarriesAValueThenItIsAcceptedAndKept(String value) {
		Message message = decodeMessage(formInputs(value));

		String valueType = message.abstractMessage().tree().get("formResponse").get("inputValues").get(0)
			.get("value").get("valueType").stringValue();
		assertThat(value).contains("\"" + valueType + "\"");
	}

	@Test
	void whenFormResponseReportsErrorsThenTheResultIsAccepted() {
		Message message = decodeMessage(content("FormResponseMessage", "formResponse", "Result", """
				"result": {"resultType": "FormErrorResult", "errors": [{"errorMessage": "expired",
				 "errorType": "FormRequestExpired", "errorCode": "E1"}]}"""));

		assertThat(message.abstractMessage().formatType()).isEqualTo(FormatType.Result);
	}

	@Test
	void whenValuesNestTenLevelsDeepThenTheyAreAccepted() {
		String value = "{\"valueType\": \"TextValue\", \"textValue\": \"leaf\"}";
		for (int i = 0; i < 10; i++) {
			value = "{\"valueType\": \"ListValue\", \"items\": [" + value + "]}";
		}
		assertThat(decodeMessage(formInputs(value)).abstractMessage().json()).contains("leaf");
	}

	@ParameterizedTest(name = "messageType {0}")
	@MethodSource("unknownMessageTypes")
	void whenMessageTypeIsMissingOrUnknownThenRefusedWith10047(String messageTypeMember) {
		assertThat(refusal(message(messageTypeMember + "\"staticContent\": {\"formatType\": \"Text\", \"text\": \"x\"}"),
				INVALID_MESSAGE_TYPE_ERROR).getMessage()).contains("abstractMessage.messageType");
	}

	static Stream<String> unknownMessageTypes() {
		return Stream.of("", "\"messageType\": null,", "\"messageType\": \"Bogus\",",
				"\"messageType\": \"staticContentMessage\",", "\"messageType\": 3,", "\"messageType\": [],");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("agentMessages")
	void whenEndUserSendsAnAgentMessageTypeThenRefusedWith10062(String messageType, String field, String formatType,
			String members) {
		assertThat(refusal(content(messageType, field, formatType, members), END_USER_MESSAGE_TYPE_INVALID)
			.getMessage()).contains(messageType);
	}

	static Stream<Arguments> agentMessages() {
		return Stream.of(Arguments.of("ChoicesMessage", "choices", "Buttons", """
				"text": "Pick one", "optionItems": [{"itemType": "TitleOptionItem", "optionIdentifier": "a",
				 "titleItem": {"itemType": "TitleItem", "title": "A"}}]"""),
				Arguments.of("FormMessage", "form", "Inputs", """
						"formTitle": {"itemType": "TitleItem", "title": "T"}, "sections": []"""),
				Arguments.of("ChoicesMessage", "choices", "Bogus", ""));
	}

	@ParameterizedTest(name = "formatType {0}")
	@MethodSource("unknownFormatTypes")
	void whenFormatTypeIsMissingOrUnknownThenRefusedWith10048(String formatTypeMember) {
		assertThat(refusal(message("\"messageType\": \"StaticContentMessage\", \"staticContent\": {" + formatTypeMember
				+ "\"text\": \"x\"}"), INVALID_FORMAT_TYPE_ERROR).getMessage()).contains("staticContent.formatType");
	}

	static Stream<String> unknownFormatTypes() {
		return Stream.of("", "\"formatType\": null,", "\"formatType\": \"Bogus\",", "\"formatType\": \"text\",",
				"\"formatType\": 1,");
	}

	/** Every end-user message type with every format type it may not carry from an end user. */
	static Stream<Arguments> disallowedPairs() {
		return Arrays.stream(MessageType.values())
			.filter(MessageType::sentByEndUser)
			.flatMap((type) -> EnumSet.complementOf(EnumSet.copyOf(type.endUserFormatTypes()))
				.stream()
				.map((format) -> Arguments.of(type, format)));
	}

	@ParameterizedTest(name = "{0} / {1}")
	@MethodSource("disallowedPairs")
	void whenFormatTypeIsNotAllowedForTheMessageTypeThenRefusedWith10049(MessageType messageType,
			FormatType formatType) {
		String json = content(messageType.name(), messageType.contentField(), formatType.name(), "\"text\": \"x\"");

		assertThat(refusal(json, INVALID_MESSAGE_TYPE_FORMAT_TYPE_ERROR).getMessage()).contains(formatType.name());
	}

	static Stream<Arguments> invalidFormats() {
		String attachment = "{\"id\": \"a\", \"name\": \"n\", \"mimeType\": \"image/png\", \"url\": \"u\"%s}";
		return Stream.of(
				invalid("staticContent missing", message("\"messageType\": \"StaticContentMessage\""),
						"abstractMessage.staticContent"),
				invalid("staticContent a string", message("\"messageType\": \"StaticContentMessage\", \"staticContent\": \"hi\""),
						"abstractMessage.staticContent"),
				invalid("choicesResponse missing",
						message("\"messageType\": \"ChoicesResponseMessage\", \"staticContent\": {\"formatType\": \"Text\"}"),
						"abstractMessage.choicesResponse"),
				invalid("Text without text", staticContent("Text", ""), "staticContent.text"),
				invalid("Text with null text", staticContent("Text", "\"text\": null"), "staticContent.text"),
				invalid("Text with object text", staticContent("Text", "\"text\": {\"a\": 1}"), "staticContent.text"),
				invalid("Text with decimal text", staticContent("Text", "\"text\": 1.5"), "staticContent.text"),
				invalid("customHandlingType unknown", message("""
						"messageType": "StaticContentMessage", "customHandlingType": "Poll",
						"staticContent": {"formatType": "Text", "text": "x"}"""), "abstractMessage.customHandlingType"),
				invalid("reference without recordId", message("""
						"messageType": "StaticContentMessage", "references": [{"id": "r"}],
						"staticContent": {"formatType": "Text", "text": "x"}"""), "references[0].recordId"),
				invalid("inReplyToMessageId an object", message("""
						"messageType": "StaticContentMessage", "inReplyToMessageId": {},
						"staticContent": {"formatType": "Text", "text": "x"}"""), "abstractMessage.inReplyToMessageId"),
				invalid("Attachments without attachments", staticContent("Attachments", "\"text\": \"x\""),
						"staticContent.attachments"),
				invalid("Attachments empty", staticContent("Attachments", "\"attachments\": []"),
						"staticContent.attachments"),
				invalid("Attachments not an array", staticContent("Attachments", "\"attachments\": {}"),
						"staticContent.attachments"),
				invalid("attachment without url", staticContent("Attachments",
						"\"attachments\": [{\"id\": \"a\", \"name\": \"n\", \"mimeType\": \"image/png\"}]"),
						"attachments[0].url"),
				invalid("attachment without name", staticContent("Attachments",
						"\"attachments\": [{\"id\": \"a\", \"mimeType\": \"image/png\", \"url\": \"u\"}]"),
						"attachments[0].name"),
				invalid("attachment upload result unknown", staticContent("Attachments", "\"attachments\": ["
						+ attachment.formatted(", \"attachmentUploadResult\": {\"resultType\": \"Done\"}") + "]"),
						"attachmentUploadResult.resultType"),
				invalid("pending upload without referenceId", staticContent("Attachments", "\"attachments\": ["
						+ attachment.formatted(", \"attachmentUploadResult\": {\"resultType\": \"PendingAttachmentUploadResult\"}")
						+ "]"), "attachmentUploadResult.referenceId"),
				invalid("failed upload with unknown errorType", staticContent("Attachments", "\"attachments\": ["
						+ attachment.formatted(", \"attachmentUploadResult\": {\"resultType\": \"ErrorAttachmentUploadResult\","
								+ " \"errorType\": \"Oops\"}") + "]"), "attachmentUploadResult.errorType"),
				invalid("Links without links", staticContent("Links", ""), "staticContent.links"),
				invalid("Links with two links", staticContent("Links", "\"links\": [{\"url\": \"a\"}, {\"url\": \"b\"}]"),
						"staticContent.links"),
				invalid("link without url", staticContent("Links", "\"links\": [{\"title\": \"a\"}]"), "links[0].url"),
				invalid("ExperienceType without values", staticContent("ExperienceType", "\"message\": \"m\""),
						"staticContent.values"),
				invalid("experience value without type", staticContent("ExperienceType", "\"values\": [{\"value\": 1}]"),
						"values[0].type"),
				invalid("experience value without value", staticContent("ExperienceType", "\"values\": [{\"type\": \"t\"}]"),
						"values[0].value"),
				invalid("experience value of another valueType",
						staticContent("ExperienceType", "\"values\": [{\"valueType\": \"TextValue\", \"type\": \"t\", \"value\": 1}]"),
						"values[0].valueType"),
				invalid("Selections without selectedOptions", selections(""), "choicesResponse.selectedOptions"),
				invalid("Selections empty", selections("\"selectedOptions\": []"), "choicesResponse.selectedOptions"),
				invalid("selected option without optionIdentifier",
						selections("\"selectedOptions\": [{\"optionTitle\": " + TITLE + "}]"),
						"selectedOptions[0].optionIdentifier"),
				invalid("option title without itemType",
						selections("\"selectedOptions\": [{\"optionIdentifier\": \"o\", \"optionTitle\": {\"title\": \"t\"}}]"),
						"optionTitle.itemType"),
				invalid("option title without title", selections(
						"\"selectedOptions\": [{\"optionIdentifier\": \"o\", \"optionTitle\": {\"itemType\": \"TitleItem\"}}]"),
						"optionTitle.title"),
				invalid("image title without imageId", selections("\"selectedOptions\": [{\"optionIdentifier\": \"o\","
						+ " \"optionTitle\": {\"itemType\": \"TitleImageItem\", \"title\": \"t\"}}]"), "optionTitle.imageId"),
				invalid("video title without videoId", selections("\"selectedOptions\": [{\"optionIdentifier\": \"o\","
						+ " \"optionTitle\": {\"itemType\": \"TitleVideoItem\", \"title\": \"t\"}}]"), "optionTitle.videoId"),
				invalid("Inputs without inputValues", content("FormResponseMessage", "formResponse", "Inputs", ""),
						"formResponse.inputValues"),
				invalid("input value of unknown type", content("FormResponseMessage", "formResponse", "Inputs",
						"\"inputValues\": [{\"inputValueType\": \"MultiInputValue\", \"inputId\": \"i\"}]"),
						"inputValues[0].inputValueType"),
				invalid("input value without inputId", content("FormResponseMessage", "formResponse", "Inputs",
						"\"inputValues\": [{\"inputValueType\": \"SingleInputValue\","
								+ " \"value\": {\"valueType\": \"TextValue\", \"textValue\": \"x\"}}]"),
						"inputValues[0].inputId"),
				invalid("single input without value", content("FormResponseMessage", "formResponse", "Inputs",
						"\"inputValues\": [{\"inputValueType\": \"SingleInputValue\", \"inputId\": \"i\"}]"),
						"inputValues[0].value"),
				invalid("options input without selectedOptions", content("FormResponseMessage", "formResponse", "Inputs",
						"\"inputValues\": [{\"inputValueType\": \"SelectedOptionsInputValue\", \"inputId\": \"i\"}]"),
						"inputValues[0].selectedOptions"),
				invalid("outbound-only StructuredValue", formInputs("{\"valueType\": \"StructuredValue\", \"value\": {}}"),
						"value.valueType"),
				invalid("value without valueType", formInputs("{\"textValue\": \"x\"}"), "value.valueType"),
				invalid("TextValue without textValue", formInputs("{\"valueType\": \"TextValue\"}"), "value.textValue"),
				invalid("BooleanValue as text", formInputs("{\"valueType\": \"BooleanValue\", \"booleanValue\": \"yes\"}"),
						"value.booleanValue"),
				invalid("IntegerValue with a fraction", formInputs("{\"valueType\": \"IntegerValue\", \"integerValue\": 1.5}"),
						"value.integerValue"),
				invalid("DoubleValue as text", formInputs("{\"valueType\": \"DoubleValue\", \"doubleValue\": \"4.5\"}"),
						"value.doubleValue"),
				invalid("ListValue empty", formInputs("{\"valueType\": \"ListValue\", \"items\": []}"), "value.items"),
				invalid("CompositeValue item without name", formInputs(
						"{\"valueType\": \"CompositeValue\", \"items\": [{\"value\": {\"valueType\": \"TextValue\", \"textValue\": \"x\"}}]}"),
						"items[0].name"),
				invalid("LocationValue without name", formInputs(
						"{\"valueType\": \"LocationValue\", \"location\": {\"itemType\": \"LocationItem\"}}"), "location.name"),
				invalid("LocationValue with text latitude", formInputs("{\"valueType\": \"LocationValue\", \"location\":"
						+ " {\"itemType\": \"LocationItem\", \"name\": \"n\", \"latitude\": \"north\"}}"), "location.latitude"),
				invalid("Result without result", content("FormResponseMessage", "formResponse", "Result", ""),
						"formResponse.result"),
				invalid("records result with two records", content("FormResponseMessage", "formResponse", "Result", """
						"result": {"resultType": "FormRecordsResult", "records": [
						 {"recordReferenceId": "a", "isCreated": true}, {"recordReferenceId": "b", "isCreated": true}]}"""),
						"result.records"),
				invalid("record without isCreated", content("FormResponseMessage", "formResponse", "Result", """
						"result": {"resultType": "FormRecordsResult", "records": [{"recordReferenceId": "a"}]}"""),
						"records[0].isCreated"),
				invalid("error result with unknown errorType", content("FormResponseMessage", "formResponse", "Result", """
						"result": {"resultType": "FormErrorResult", "errors": [{"errorMessage": "m", "errorType": "Boom"}]}"""),
						"errors[0].errorType"),
				invalid("result of unknown type", content("FormResponseMessage", "formResponse", "Result",
						"\"result\": {\"resultType\": \"FormMaybeResult\"}"), "result.resultType"));
	}

	private static Arguments invalid(String rule, String json, String field) {
		return Arguments.of(rule, json, field);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidFormats")
	void whenMessageContentBreaksItsFormatThenRefusedWith10045NamingTheField(String rule, String json, String field) {
		assertThat(refusal(json, INVALID_MESSAGE_ENTRY).getMessage()).contains(field);
	}

	private static String selections(String members) {
		return content("ChoicesResponseMessage", "choicesResponse", "Selections", members);
	}

	private static String formInputs(String value) {
		return content("FormResponseMessage", "formResponse", "Inputs", """
				"inputValues": [{"inputValueType": "SingleInputValue", "inputId": "i1", "value": %s}]""".formatted(value));
	}

}
