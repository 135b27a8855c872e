package org.byoc.interaction.conversation;

import java.time.Instant;

import org.byoc.interaction.outbound.Participant;

/** Someone besides the end user who takes part in a conversation now: an agent or a bot, since {@code joinedAt}. */
public record TakingPart(Participant participant, String displayName, Instant joinedAt) {

}
