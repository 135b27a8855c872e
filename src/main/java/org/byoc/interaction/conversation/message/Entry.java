package org.byoc.interaction.conversation.message;

import tools.jackson.databind.node.ObjectNode;

import org.byoc.interaction.contract.CanonicalJson;

/**
 * The payload of an EntryInteraction: one conversation entry sent by the end user (contract §B1). Its
 * {@link #entryPayload()} is what the transcript stores and what the outbound ConversationEntry carries as
 * {@code entryPayload} (§D.4, §D.5).
 */
public sealed interface Entry permits Message, TypingStartedIndicator, TypingStoppedIndicator, MessageDeliveryFailed {

	/** The entry id ({@code payload.id}); the client's key for retries. */
	String id();

	EntryType entryType();

	/**
	 * A fresh tree of the entry payload as the contract defines it: {@code entryType}, {@code id} and the entry's
	 * fields, rebuilt from what was received with unknown fields dropped.
	 */
	ObjectNode entryPayload();

	/** {@link #entryPayload()} as compact JSON in the contract's field order, independent of the client's order. */
	default String entryPayloadJson() {
		return CanonicalJson.write(entryPayload());
	}

	/**
	 * Lower-case hex SHA-256 of the key-sorted entry payload. Two requests with the same entry id and the same
	 * fingerprint are the same entry sent again; the same id with another fingerprint is a conflict (10073). The
	 * interaction's timestamp is not part of it, so a retry stamped anew still counts as the same entry.
	 */
	default String contentFingerprint() {
		return CanonicalJson.fingerprint(entryPayload());
	}

}
