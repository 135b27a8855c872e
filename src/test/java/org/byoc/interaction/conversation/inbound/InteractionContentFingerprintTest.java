package org.byoc.interaction.conversation.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.byoc.interaction.conversation.inbound.InteractionJson.ENTRY_ID;
import static org.byoc.interaction.conversation.inbound.InteractionJson.FROM;
import static org.byoc.interaction.conversation.inbound.InteractionJson.TO;
import static org.byoc.interaction.conversation.inbound.InteractionJson.decode;
import static org.byoc.interaction.conversation.inbound.InteractionJson.entry;
import static org.byoc.interaction.conversation.inbound.InteractionJson.request;
import static org.byoc.interaction.conversation.inbound.InteractionJson.staticContent;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.byoc.interaction.conversation.message.AbstractMessage;
import org.byoc.interaction.conversation.message.FormatType;
import org.byoc.interaction.conversation.message.Message;
import org.byoc.interaction.conversation.message.TypingStartedIndicator;

/**
 * The canonical form of an interaction: the entry payload as it is stored and published, and the fingerprint that
 * tells a retry from a conflicting reuse of an entry id (10073).
 */
class InteractionContentFingerprintTest {

	@Test
	void whenMessageIsDecodedThenEntryPayloadJsonIsTheContractShape() {
		EntryInteraction interaction = (EntryInteraction) decode(InteractionRequestDecoderTest.README_MESSAGE)
			.interaction();

		assertThat(interaction.entryPayloadJson()).isEqualTo("{\"entryType\":\"Message\",\"id\":\"" + ENTRY_ID
				+ "\",\"abstractMessage\":{\"id\":\"" + ENTRY_ID + "\",\"messageType\":\"StaticContentMessage\","
				+ "\"staticContent\":{\"formatType\":\"Text\",\"text\":\"Hi there\"}}}");
	}

	@Test
	void whenTypingIndicatorIsDecodedThenEntryPayloadJsonHasItsTimestamp() {
		EntryInteraction interaction = (EntryInteraction) decode(entry("""
				{"timestamp": 1700000000000, "entryType": "TypingStartedIndicator", "id": "t1", "extra": 1}"""))
			.interaction();

		assertThat(interaction.entryPayloadJson())
			.isEqualTo("{\"entryType\":\"TypingStartedIndicator\",\"id\":\"t1\",\"timestamp\":1700000000000}");
	}

	@Test
	void whenDeliveryFailureIsDecodedThenEntryPayloadJsonHasRecipientAndCodes() {
		EntryInteraction interaction = (EntryInteraction) decode(InteractionRequestDecoderTest.README_DELIVERY_FAILED)
			.interaction();

		assertThat(interaction.entryPayloadJson()).isEqualTo("{\"entryType\":\"MessageDeliveryFailed\",\"id\":\""
				+ ENTRY_ID + "\",\"failedConversationEntryIdentifier\":\"" + InteractionRequestDecoderTest.FAILED_ENTRY
				+ "\",\"recipient\":{\"appType\":\"custom\",\"subject\":\"" + FROM
				+ "\",\"role\":\"EndUser\"},\"errorCode\":\"500\"}");
	}

	/** The same entry, written differently on the wire. */
	static Stream<Arguments> sameContent() {
		String plain = staticContent("Text", "\"text\": \"Hi there\"");
		String reordered = """
				{"interactions": [{"payload": {"abstractMessage": {"staticContent": {"text": "Hi there", "formatType": "Text"},
				  "id": "%s", "messageType": "StaticContentMessage"}, "entryType": "Message", "id": "%<s"},
				  "interactionType": "EntryInteraction", "timestamp": 1}], "from": "%s", "to": "%s"}"""
			.formatted(ENTRY_ID, FROM, TO);
		String withUnknownFields = staticContent("Text", "\"text\": \"Hi there\", \"emoji\": true")
			.replace("\"entryType\": \"Message\"", "\"entryType\": \"Message\", \"messageReason\": \"Consent\"");
		String retriedLater = plain.replace("\"timestamp\": " + InteractionJson.TIMESTAMP, "\"timestamp\": 1");
		String otherRoutingAttributes = plain.replace("\"interactions\"", "\"routingAttributes\": {\"a\": \"b\"}, \"interactions\"");
		return Stream.of(Arguments.of("keys reordered, other white space", reordered),
				Arguments.of("unknown fields added", withUnknownFields),
				Arguments.of("interaction timestamp changed", retriedLater),
				Arguments.of("routing attributes added", otherRoutingAttributes));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("sameContent")
	void whenTheSameEntryIsWrittenDifferentlyThenFingerprintAndPayloadAreEqual(String difference, String json) {
		EntryInteraction first = (EntryInteraction) decode(staticContent("Text", "\"text\": \"Hi there\""))
			.interaction();
		EntryInteraction again = (EntryInteraction) decode(json).interaction();

		assertThat(again.contentFingerprint()).isEqualTo(first.contentFingerprint());
		assertThat(again.entryPayloadJson()).isEqualTo(first.entryPayloadJson());
	}

	/** The same entry id with other content. */
	static Stream<Arguments> otherContent() {
		return Stream.of(Arguments.of("other text", staticContent("Text", "\"text\": \"Hi there!\"")),
				Arguments.of("other format", staticContent("Links", "\"links\": [{\"url\": \"Hi there\"}]")),
				Arguments.of("in reply to a message", staticContent("Text", "\"text\": \"Hi there\"")
					.replace("\"messageType\"", "\"inReplyToMessageId\": \"m0\", \"messageType\"")),
				Arguments.of("typing instead", entry("""
						{"id": "%s", "entryType": "TypingStartedIndicator", "timestamp": 1}""".formatted(ENTRY_ID))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("otherContent")
	void whenTheSameIdCarriesOtherContentThenFingerprintsDiffer(String difference, String json) {
		Interaction first = decode(staticContent("Text", "\"text\": \"Hi there\"")).interaction();
		Interaction other = decode(json).interaction();

		assertThat(other.id()).isEqualTo(first.id());
		assertThat(other.contentFingerprint()).isNotEqualTo(first.contentFingerprint());
	}

	@Test
	void whenFingerprintIsComputedThenItIsLowerCaseHexSha256() {
		assertThat(decode(InteractionRequestDecoderTest.README_TYPING_STARTED).interaction().contentFingerprint())
			.matches("[0-9a-f]{64}");
	}

	@Test
	void whenNumbersAreWrittenDifferentlyThenFingerprintsAgree() {
		String asNumber = entry("{\"id\": \"t1\", \"entryType\": \"TypingStoppedIndicator\", \"timestamp\": 17}");
		String asText = entry("{\"id\": \"t1\", \"entryType\": \"TypingStoppedIndicator\", \"timestamp\": \"17\"}");
		String integral = InteractionJson.content("FormResponseMessage", "formResponse", "Inputs",
				"\"inputValues\": [{\"inputValueType\": \"SingleInputValue\", \"inputId\": \"i\","
						+ " \"value\": {\"valueType\": \"DoubleValue\", \"doubleValue\": 2}}]");

		assertThat(decode(asText).interaction().contentFingerprint())
			.isEqualTo(decode(asNumber).interaction().contentFingerprint());
		assertThat(decode(integral.replace("\"doubleValue\": 2", "\"doubleValue\": 2.0")).interaction()
			.contentFingerprint()).isEqualTo(decode(integral).interaction().contentFingerprint());
	}

	@Test
	void whenFreeFormValuesHaveKeysInAnotherOrderThenFingerprintsAgree() {
		String first = staticContent("ExperienceType", "\"values\": [{\"type\": \"t\", \"value\": {\"a\": 1, \"b\": [2]}}]");
		String second = staticContent("ExperienceType", "\"values\": [{\"value\": {\"b\": [2], \"a\": 1}, \"type\": \"t\"}]");

		assertThat(decode(second).interaction().contentFingerprint())
			.isEqualTo(decode(first).interaction().contentFingerprint());
	}

	@Test
	void whenAttachmentIsSentAgainThenOnlyIdLengthAndCaptionCount() {
		String template = """
				{"timestamp": %d, "interactionType": "AttachmentInteraction", "id": "a1", "attachmentIndex": %d,
				 "contentLength": %d, "text": "%s"}""";
		String first = decode(request(template.formatted(1, 0, 100, "file"))).interaction().contentFingerprint();

		assertThat(decode(request(template.formatted(2, 1, 100, "file"))).interaction().contentFingerprint())
			.isEqualTo(first);
		assertThat(decode(request(template.formatted(1, 0, 101, "file"))).interaction().contentFingerprint())
			.isNotEqualTo(first);
		assertThat(decode(request(template.formatted(1, 0, 100, "other"))).interaction().contentFingerprint())
			.isNotEqualTo(first);
	}

	@Test
	void whenServiceBuildsAnAttachmentsMessageThenTheDecoderReadsItBackUnchanged() {
		AbstractMessage built = AbstractMessage.staticAttachments("a1", "my file",
				List.of(new AbstractMessage.Attachment("f1", "photo.png", "image/png", "https://files.example/f1", null)));
		String json = entry("{\"id\": \"a1\", \"entryType\": \"Message\", \"abstractMessage\": " + built.json() + "}");

		Message decoded = (Message) ((EntryInteraction) decode(json).interaction()).entry();

		assertThat(decoded.abstractMessage()).isEqualTo(built);
		assertThat(decoded.abstractMessage().text()).contains("my file");
		assertThat(decoded.abstractMessage().formatType()).isEqualTo(FormatType.Attachments);
	}

	@Test
	void whenATreeIsHandedOutAndChangedThenTheMessageStaysAsDecoded() {
		Message message = InteractionJson.decodeMessage(staticContent("Text", "\"text\": \"Hi there\""));
		String before = message.entryPayloadJson();

		message.abstractMessage().tree().put("id", "changed");
		message.entryPayload().put("id", "changed");

		assertThat(message.entryPayloadJson()).isEqualTo(before);
	}

}
