package org.byoc.interaction.conversation.receipts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every delivery and read receipt, keyed by the entry id its client chose for it. */
@Repository
class AcknowledgementRepository {

	private final JdbcClient jdbc;

	AcknowledgementRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts the receipt unless one with its created entry id exists in the conversation; true when inserted. */
	boolean insert(String orgKey, String conversationIdentifier, Acknowledgements.Acknowledgement acknowledgement,
			String contentHash) {
		return this.jdbc
			.sql("insert into entry_acknowledgement (conversation_identifier, created_entry_id, org_key, "
					+ "acknowledged_entry_id, acknowledgement_type, acknowledgement_timestamp, content_hash, recorded_at) "
					+ "values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
			.params(conversationIdentifier, acknowledgement.createdEntryIdentifier(), orgKey,
					acknowledgement.acknowledgedEntryIdentifier(), acknowledgement.type(), acknowledgement.timestamp(),
					contentHash, Timestamp.from(Instant.now()))
			.update() == 1;
	}

	Optional<String> contentHash(String conversationIdentifier, String createdEntryId) {
		return this.jdbc
			.sql("select content_hash from entry_acknowledgement where conversation_identifier = ? and created_entry_id = ?")
			.params(conversationIdentifier, createdEntryId)
			.query(String.class)
			.optional();
	}

	/**
	 * The conversation's receipts, each entry's latest first: by acknowledgement timestamp, then Read before
	 * Delivered (a read message was delivered), then the later recorded.
	 */
	List<Acknowledgements.Acknowledgement> findByConversation(String conversationIdentifier) {
		return this.jdbc
			.sql("select acknowledged_entry_id, acknowledgement_type, acknowledgement_timestamp, created_entry_id "
					+ "from entry_acknowledgement where conversation_identifier = ? order by acknowledged_entry_id, "
					+ "acknowledgement_timestamp desc, case when acknowledgement_type = 'Read' then 0 else 1 end, "
					+ "recorded_at desc")
			.param(conversationIdentifier)
			.query((rs, i) -> new Acknowledgements.Acknowledgement(rs.getString(1), rs.getString(2), rs.getLong(3),
					rs.getString(4)))
			.list();
	}

}
