package org.byoc.interaction.outbound;

import java.util.List;

/**
 * An entry's audience when it has more than the end user (contract §D.4, {@code recipients}). {@code primary}: whom
 * the entry is addressed to; {@code secondary}: who sees it as well; {@code hidden}: who sees an entry the end user
 * must never see (notes, flags, consults: the agents of the conversation). Each list may be empty, never null.
 */
public record Recipients(List<Recipient> primary, List<Recipient> secondary, List<Recipient> hidden) {

	public Recipients {
		primary = List.copyOf(primary);
		secondary = List.copyOf(secondary);
		hidden = List.copyOf(hidden);
	}

	/** An entry only the given people (agents, supervisors) see, never the end user. */
	public static Recipients hiddenFromEndUser(List<Recipient> audience) {
		return new Recipients(List.of(), List.of(), audience);
	}

	/** One person of the audience: an agent's user id (or the end user's client id), name and how to reach them. */
	public record Recipient(String identifier, String displayName, String contact) {

		public Recipient {
			java.util.Objects.requireNonNull(identifier, "identifier");
		}

	}

}
