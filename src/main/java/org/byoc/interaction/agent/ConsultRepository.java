package org.byoc.interaction.agent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Consult conversations and their messages. */
@Repository
class ConsultRepository {

	private static final String COLUMNS = "id, org_key, conversation_identifier, info_entry_id, requested_by, "
			+ "consulted_user_id, status, created_at, ended_at";

	private final JdbcClient jdbc;

	ConsultRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Opens the consult unless one was opened with the same info entry id; true when inserted. */
	boolean insert(Consults.Consult consult) {
		return this.jdbc
			.sql("insert into consult_conversation (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?) "
					+ "on conflict do nothing")
			.params(consult.id(), consult.orgKey(), consult.conversationIdentifier(), consult.infoEntryId(),
					consult.requestedBy(), consult.consultedUserId(), consult.status().name(),
					Timestamp.from(consult.createdAt()), null)
			.update() == 1;
	}

	Optional<Consults.Consult> find(String id) {
		return this.jdbc.sql("select " + COLUMNS + " from consult_conversation where id = ?")
			.param(id)
			.query(ConsultRepository::consult)
			.optional();
	}

	Optional<Consults.Consult> findByInfoEntry(String conversationIdentifier, String infoEntryId) {
		return this.jdbc
			.sql("select " + COLUMNS + " from consult_conversation where conversation_identifier = ? "
					+ "and info_entry_id = ?")
			.params(conversationIdentifier, infoEntryId)
			.query(ConsultRepository::consult)
			.optional();
	}

	List<Consults.Consult> ofConversation(String conversationIdentifier) {
		return this.jdbc
			.sql("select " + COLUMNS + " from consult_conversation where conversation_identifier = ? "
					+ "order by created_at, id")
			.param(conversationIdentifier)
			.query(ConsultRepository::consult)
			.list();
	}

	/** The open consults a user asked for or was asked into, oldest first. */
	List<Consults.Consult> openOfUser(String orgKey, String userId) {
		return this.jdbc
			.sql("select " + COLUMNS + " from consult_conversation where org_key = ? and status = 'Open' "
					+ "and (consulted_user_id = ? or requested_by = ?) order by created_at, id")
			.params(orgKey, userId, userId)
			.query(ConsultRepository::consult)
			.list();
	}

	/** Ends an open consult; false when it was not open. */
	boolean end(String id) {
		return this.jdbc
			.sql("update consult_conversation set status = 'Ended', ended_at = ? where id = ? and status = 'Open'")
			.params(Timestamp.from(Instant.now()), id)
			.update() == 1;
	}

	void insertMessage(String consultId, String senderUserId, String text, long at) {
		this.jdbc
			.sql("insert into consult_message (consult_id, sender_user_id, text, created_at) values (?, ?, ?, ?)")
			.params(consultId, senderUserId, text, at)
			.update();
	}

	List<Consults.Message> messages(String consultId) {
		return this.jdbc
			.sql("select sender_user_id, text, created_at from consult_message where consult_id = ? order by seq")
			.param(consultId)
			.query((rs, i) -> new Consults.Message(rs.getString(1), rs.getString(2), rs.getLong(3)))
			.list();
	}

	private static Consults.Consult consult(ResultSet rs, int row) throws SQLException {
		Timestamp ended = rs.getTimestamp(9);
		return new Consults.Consult(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
				rs.getString(5), rs.getString(6), Consults.Status.valueOf(rs.getString(7)),
				rs.getTimestamp(8).toInstant(), (ended != null) ? ended.toInstant() : null);
	}

}
