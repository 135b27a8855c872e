package org.byoc.interaction.conversation.inbound;

import java.util.Objects;

import org.byoc.interaction.conversation.message.Entry;

/** An interaction that carries one conversation entry as its {@code payload}. */
public record EntryInteraction(long timestamp, Entry entry) implements Interaction {

	public EntryInteraction {
		Objects.requireNonNull(entry, "entry");
	}

	@Override
	public String id() {
		return this.entry.id();
	}

	@Override
	public String contentFingerprint() {
		return this.entry.contentFingerprint();
	}

	/** The entry payload as compact JSON: what the outbound ConversationEntry carries as {@code entryPayload}. */
	public String entryPayloadJson() {
		return this.entry.entryPayloadJson();
	}

}
