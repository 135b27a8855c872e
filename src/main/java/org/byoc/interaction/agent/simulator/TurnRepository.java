package org.byoc.interaction.agent.simulator;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of {@code scripted_agent_turn}: how far a scripted agent's work got. Joins the caller's transaction. */
@Repository
class TurnRepository {

	private final JdbcClient jdbc;

	TurnRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The work's turn, locked until the caller's transaction ends (other nodes wait, then see its outcome). */
	Optional<Turn> lock(String agentWorkId) {
		return this.jdbc
			.sql("select agent_work_id, handled, replies, typing_entry_id, reply_due_at, transferred, last_activity_at"
					+ " from scripted_agent_turn where agent_work_id = ? for update")
			.param(agentWorkId)
			.query((rs, n) -> {
				long due = rs.getLong(5);
				Long replyDueAt = rs.wasNull() ? null : due;
				return new Turn(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4), replyDueAt,
						rs.getBoolean(6), rs.getLong(7));
			})
			.optional();
	}

	void insert(String agentWorkId, String orgKey, String conversationIdentifier, String userId, int handled,
			long now) {
		this.jdbc
			.sql("insert into scripted_agent_turn (agent_work_id, org_key, conversation_identifier, user_id, handled,"
					+ " replies, transferred, last_activity_at) values (?, ?, ?, ?, ?, 0, false, ?)")
			.params(agentWorkId, orgKey, conversationIdentifier, userId, handled, now)
			.update();
	}

	void save(Turn turn) {
		this.jdbc
			.sql("update scripted_agent_turn set handled = ?, replies = ?, typing_entry_id = ?, reply_due_at = ?,"
					+ " transferred = ?, last_activity_at = ? where agent_work_id = ?")
			.params(turn.handled(), turn.replies(), turn.typingEntryId(), turn.replyDueAt(), turn.transferred(),
					turn.lastActivityAt(), turn.agentWorkId())
			.update();
	}

	/**
	 * @param handled end-user messages of the session the agent has dealt with (answered or not)
	 * @param replies messages the agent sent (the index into a {@code sequence})
	 * @param typingEntryId the end-user entry being answered while the agent types, with its {@code replyDueAt}
	 */
	record Turn(String agentWorkId, int handled, int replies, @Nullable String typingEntryId,
			@Nullable Long replyDueAt, boolean transferred, long lastActivityAt) {

		Turn typing(String entryId, long dueAt, long now) {
			return new Turn(this.agentWorkId, this.handled, this.replies, entryId, dueAt, this.transferred, now);
		}

		Turn handled(boolean replied, long now) {
			return new Turn(this.agentWorkId, this.handled + 1, this.replies + (replied ? 1 : 0), null, null,
					this.transferred, now);
		}

		Turn markTransferred() {
			return new Turn(this.agentWorkId, this.handled, this.replies, this.typingEntryId, this.replyDueAt, true,
					this.lastActivityAt);
		}

	}

}
