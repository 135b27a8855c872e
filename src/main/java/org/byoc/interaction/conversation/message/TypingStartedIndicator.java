package org.byoc.interaction.conversation.message;

import java.util.Objects;

import tools.jackson.databind.node.ObjectNode;

/** The end user started typing, at {@code timestamp} (epoch milliseconds, the client's clock). */
public record TypingStartedIndicator(String id, long timestamp) implements Entry {

	public TypingStartedIndicator {
		Objects.requireNonNull(id, "id");
	}

	@Override
	public EntryType entryType() {
		return EntryType.TypingStartedIndicator;
	}

	@Override
	public ObjectNode entryPayload() {
		return EntryPayloads.start(this).put("timestamp", this.timestamp);
	}

}
