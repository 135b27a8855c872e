package org.byoc.interaction.conversation.inbound;

/**
 * The one interaction of a {@code POST /api/v1/interactions} request (contract §B1), discriminated by
 * {@code interactionType}.
 */
public sealed interface Interaction permits EntryInteraction, AttachmentInteraction {

	/** The interaction's {@code timestamp}: epoch milliseconds on the client's clock. Old values are accepted. */
	long timestamp();

	/** The id the response echoes: the entry id, or the AttachmentInteraction's id. */
	String id();

	/**
	 * Lower-case hex SHA-256 over the interaction's content in canonical form (keys sorted, unknown fields and the
	 * interaction timestamp left out), to tell a retry (same id, same fingerprint) from a conflict (10073).
	 */
	String contentFingerprint();

}
