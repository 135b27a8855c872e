package org.byoc.interaction.conversation.message;

import java.util.Arrays;
import java.util.Optional;

/**
 * The entry types an end user's client may send through {@code POST /api/v1/interactions}. The vendor's EntryType
 * enum has grown to cover every endpoint and the outbound events; this endpoint still accepts only its original four.
 */
public enum EntryType {

	Message, MessageDeliveryFailed, TypingStartedIndicator, TypingStoppedIndicator;

	/** The entry type spelled exactly as the contract spells it, or empty. */
	public static Optional<EntryType> of(String name) {
		return Arrays.stream(values()).filter((t) -> t.name().equals(name)).findFirst();
	}

}
