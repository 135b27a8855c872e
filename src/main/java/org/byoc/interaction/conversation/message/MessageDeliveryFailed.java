package org.byoc.interaction.conversation.message;

import org.byoc.interaction.outbound.Participant;

import java.util.Objects;

import tools.jackson.databind.node.ObjectNode;

/**
 * The partner could not deliver an outbound entry to the end user. The recipient is always the end user
 * ({@code appType custom}, {@code role EndUser}); {@code errorMessage} and {@code failedConversationEntryIdentifier}
 * may be null.
 */
public record MessageDeliveryFailed(String id, Participant recipient, String errorCode, String errorMessage,
		String failedConversationEntryIdentifier) implements Entry {

	public MessageDeliveryFailed {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(recipient, "recipient");
		Objects.requireNonNull(errorCode, "errorCode");
	}

	@Override
	public EntryType entryType() {
		return EntryType.MessageDeliveryFailed;
	}

	@Override
	public ObjectNode entryPayload() {
		ObjectNode payload = EntryPayloads.start(this);
		if (this.failedConversationEntryIdentifier != null) {
			payload.put("failedConversationEntryIdentifier", this.failedConversationEntryIdentifier);
		}
		ObjectNode recipient = payload.putObject("recipient");
		recipient.put("appType", this.recipient.appType());
		recipient.put("subject", this.recipient.subject());
		recipient.put("role", this.recipient.role());
		payload.put("errorCode", this.errorCode);
		if (this.errorMessage != null) {
			payload.put("errorMessage", this.errorMessage);
		}
		return payload;
	}

}
