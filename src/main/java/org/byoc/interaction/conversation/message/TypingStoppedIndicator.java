package org.byoc.interaction.conversation.message;

import java.util.Objects;

import tools.jackson.databind.node.ObjectNode;

/** The end user stopped typing, at {@code timestamp} (epoch milliseconds, the client's clock). */
public record TypingStoppedIndicator(String id, long timestamp) implements Entry {

	public TypingStoppedIndicator {
		Objects.requireNonNull(id, "id");
	}

	@Override
	public EntryType entryType() {
		return EntryType.TypingStoppedIndicator;
	}

	@Override
	public ObjectNode entryPayload() {
		return EntryPayloads.start(this).put("timestamp", this.timestamp);
	}

}
