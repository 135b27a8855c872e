package org.byoc.interaction.conversation.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.byoc.interaction.outbound.Participant;

/**
 * Participations other than the end user's (an external bot between joining and leaving, an agent between joining
 * and leaving a messaging session). The unique active key
 * makes a concurrent second join of the same participant a no-op instead of a second participation.
 */
@Repository
public class ParticipantRepository {

	private final JdbcClient jdbc;

	ParticipantRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Starts a participation; false when the participant already takes part. */
	public boolean join(String orgKey, String conversationIdentifier, Participant participant, String displayName) {
		return join(orgKey, conversationIdentifier, participant, displayName, null);
	}

	/** Starts a participation in the given messaging session; false when the participant already takes part. */
	public boolean join(String orgKey, String conversationIdentifier, Participant participant, String displayName,
			String messagingSessionId) {
		return this.jdbc
			.sql("insert into conversation_participant (conversation_identifier, org_key, app_type, subject, role, "
					+ "display_name, joined_at, active_key, messaging_session_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?) "
					+ "on conflict do nothing")
			.params(conversationIdentifier, orgKey, participant.appType(), participant.subject(), participant.role(),
					displayName, Timestamp.from(Instant.now()), activeKey(conversationIdentifier, participant),
					messagingSessionId)
			.update() == 1;
	}

	/** Ends a participation; false when the participant was not taking part. */
	public boolean leave(String conversationIdentifier, Participant participant) {
		return this.jdbc
			.sql("update conversation_participant set left_at = ?, active_key = null where active_key = ?")
			.params(Timestamp.from(Instant.now()), activeKey(conversationIdentifier, participant))
			.update() == 1;
	}

	public boolean isActive(String conversationIdentifier, Participant participant) {
		return this.jdbc.sql("select count(*) from conversation_participant where active_key = ?")
			.param(activeKey(conversationIdentifier, participant))
			.query(Long.class)
			.single() > 0;
	}

	/** Who takes part now, in the order they joined. */
	public List<ActiveParticipant> active(String conversationIdentifier) {
		return this.jdbc
			.sql("select app_type, subject, role, display_name, joined_at from conversation_participant "
					+ "where conversation_identifier = ? and active_key is not null order by id")
			.param(conversationIdentifier)
			.query((rs, i) -> new ActiveParticipant(new Participant(rs.getString(1), rs.getString(2), rs.getString(3)),
					rs.getString(4), rs.getTimestamp(5).toInstant()))
			.list();
	}

	/** The agents (and supervisors) who joined in the given session and have not left, in the order they joined. */
	public List<ActiveParticipant> activeAgents(String conversationIdentifier, String messagingSessionId) {
		return this.jdbc
			.sql("select app_type, subject, role, display_name, joined_at from conversation_participant "
					+ "where conversation_identifier = ? and active_key is not null and messaging_session_id = ? "
					+ "and role in ('Agent', 'Supervisor') order by id")
			.params(conversationIdentifier, messagingSessionId)
			.query((rs, i) -> new ActiveParticipant(new Participant(rs.getString(1), rs.getString(2), rs.getString(3)),
					rs.getString(4), rs.getTimestamp(5).toInstant()))
			.list();
	}

	private static String activeKey(String conversationIdentifier, Participant participant) {
		return conversationIdentifier + "/" + participant.appType() + "/" + participant.subject();
	}

	public record ActiveParticipant(Participant participant, String displayName, Instant joinedAt) {
	}

}
