package org.byoc.interaction.conversation.message;

import java.util.Objects;

import tools.jackson.databind.node.ObjectNode;

/**
 * A Message entry. Its id equals {@code abstractMessage.id} (the decoder refuses anything else with 10060).
 * {@code messageReason} exists only on outbound messages and is not read from end users.
 */
public record Message(String id, AbstractMessage abstractMessage) implements Entry {

	public Message {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(abstractMessage, "abstractMessage");
	}

	@Override
	public EntryType entryType() {
		return EntryType.Message;
	}

	@Override
	public ObjectNode entryPayload() {
		ObjectNode payload = EntryPayloads.start(this);
		payload.set("abstractMessage", this.abstractMessage.tree());
		return payload;
	}

}
