package org.byoc.interaction.conversation.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.InteractionApiException;
import org.byoc.interaction.conversation.message.Message;

/** Builds {@code json} parts the way partner middleware writes them, and decodes them. */
public final class InteractionJson {

	static final String TO = "72a6a4ec-acbc-44f6-b2b9-e444248ca843";

	static final String FROM = "+15551234567";

	static final String ENTRY_ID = "f7904eb6-5352-4c5e-adf6-5f100572cf5d";

	static final long TIMESTAMP = 1688190840000L;

	static final InteractionRequestDecoder DECODER = new InteractionRequestDecoder();

	private InteractionJson() {
	}

	/** A whole json part around one interaction object. */
	static String request(String interaction) {
		return """
				{"to": "%s", "from": "%s", "interactions": [%s]}""".formatted(TO, FROM, interaction);
	}

	/** An EntryInteraction around the given payload object. */
	static String entry(String payload) {
		return request("""
				{"timestamp": %d, "interactionType": "EntryInteraction", "payload": %s}""".formatted(TIMESTAMP, payload));
	}

	/** A Message entry whose abstractMessage has the entry's id plus the given members. */
	static String message(String abstractMessageMembers) {
		return entry("""
				{"id": "%s", "entryType": "Message",
				 "abstractMessage": {"id": "%s", %s}}""".formatted(ENTRY_ID, ENTRY_ID, abstractMessageMembers));
	}

	/** A StaticContentMessage with the given format type and content members. */
	static String staticContent(String formatType, String contentMembers) {
		return content("StaticContentMessage", "staticContent", formatType, contentMembers);
	}

	static String content(String messageType, String contentField, String formatType, String contentMembers) {
		String members = contentMembers.isEmpty() ? "" : ", " + contentMembers;
		return message("""
				"messageType": "%s", "%s": {"formatType": "%s"%s}""".formatted(messageType, contentField, formatType,
				members));
	}

	public static InteractionRequest decode(String json) {
		return DECODER.decode(json.getBytes(StandardCharsets.UTF_8));
	}

	/** Decodes, expects a refusal with {@code code}, and answers it for further checks of the message. */
	static InteractionApiException refusal(String json, ErrorCode code) {
		InteractionApiException refusal = catchThrowableOfType(InteractionApiException.class, () -> decode(json));
		assertThat(refusal).as("refusal of %s", json).isNotNull();
		assertThat(refusal.errorCode()).as("code for %s (message: %s)", json, refusal.getMessage()).isEqualTo(code);
		return refusal;
	}

	static Message decodeMessage(String json) {
		EntryInteraction interaction = (EntryInteraction) decode(json).interaction();
		return (Message) interaction.entry();
	}

}
