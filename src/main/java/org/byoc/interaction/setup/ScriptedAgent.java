package org.byoc.interaction.setup;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An agent that acts by itself (setup key {@code scriptedAgents}): it goes Online, takes the work it is offered (or,
 * in an org without presence, picks up what waits in its queues), answers the end user's messages by its
 * {@code replies} rules, and may hand the conversation on or end it. A partner's CI runs whole conversations against
 * it with no person at the console.
 *
 * @param userId the agent: a user of the org (declared by the setup's {@code users}, or by this entry)
 * @param presenceStatusId the Online status it takes; null: the org's first Online status (none without presence)
 * @param queues where it picks up waiting work in an org without presence; empty: every queue
 * @param replies the rules, first match answers; a message no rule matches gets no answer
 * @param transfer when and where it hands the conversation on; null: never
 * @param endAfterMessages it ends the session once it handled this many end-user messages; 0: never
 * @param endAfterIdleSeconds it ends the session after the end user was silent this long; 0: never
 */
public record ScriptedAgent(String userId, @Nullable String presenceStatusId, List<String> queues, List<Reply> replies,
		@Nullable Transfer transfer, int endAfterMessages, int endAfterIdleSeconds) {

	public ScriptedAgent {
		queues = List.copyOf(queues);
		replies = List.copyOf(replies);
	}

	/** The first rule that answers this message text, if any. */
	public Optional<Reply> replyTo(String text) {
		return this.replies.stream().filter((reply) -> reply.matches(text)).findFirst();
	}

	/**
	 * One reply rule: an optional {@code pattern} (a regular expression found in the end user's text; absent: every
	 * message) and one answer: {@code echo} (the end user's text back), {@code reply} (a fixed text), {@code sequence}
	 * (the n-th reply of the agent in the conversation is the n-th text, the last one repeats) or {@code file} (a
	 * file of the setup folder, sent as an Attachments message, with {@code reply} as its text). {@code typingMillis}:
	 * the agent types this long first (TypingStartedIndicator, then TypingStoppedIndicator and the message).
	 *
	 * @param fileContent the file's bytes, base64, read from the setup folder when the setup was applied
	 */
	public record Reply(@Nullable String pattern, boolean echo, @Nullable String reply, List<String> sequence,
			@Nullable String file, @Nullable String fileContent, int typingMillis) {

		public Reply {
			sequence = List.copyOf(sequence);
		}

		public boolean matches(String text) {
			return this.pattern == null || Pattern.compile(this.pattern).matcher(text).find();
		}

		/** The text this rule answers with, for the agent's {@code replyNumber}-th reply (0 first). */
		public @Nullable String text(String endUserText, int replyNumber) {
			if (this.echo) {
				return endUserText;
			}
			if (!this.sequence.isEmpty()) {
				return this.sequence.get(Math.min(replyNumber, this.sequence.size() - 1));
			}
			return this.reply;
		}

	}

	/**
	 * Hands the conversation on (a Transfer routing, as the console's transfer does) to {@code queueId} or
	 * {@code flowId} once the agent handled {@code afterMessages} end-user messages (0: not by count) or a message
	 * matches {@code pattern}.
	 */
	public record Transfer(int afterMessages, @Nullable String pattern, @Nullable String queueId,
			@Nullable String flowId) {

		public boolean isDue(int handled, String lastText) {
			return (this.afterMessages > 0 && handled >= this.afterMessages)
					|| (this.pattern != null && Pattern.compile(this.pattern).matcher(lastText).find());
		}

	}

}
