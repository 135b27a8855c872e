package org.byoc.interaction.agent;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The agent side's receipts for end users' entries, one row per (conversation, entry, type). Inserting decides who
 * emits: {@code on conflict do nothing} inserts for exactly one of any number of retried or concurrent requests.
 */
@Repository
class ReceiptRepository {

	private final JdbcClient jdbc;

	ReceiptRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** True when this call recorded the receipt (and so must publish it); false when it existed. */
	boolean insert(String orgKey, String conversationIdentifier, String entryId, String type, String receiptEntryId,
			String userId, long acknowledgedAt) {
		return this.jdbc
			.sql("insert into agent_receipt (conversation_identifier, entry_id, receipt_type, org_key, "
					+ "receipt_entry_id, user_id, acknowledged_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
			.params(conversationIdentifier, entryId, type, orgKey, receiptEntryId, userId, acknowledgedAt)
			.update() == 1;
	}

	/** The conversation's receipts, oldest first. */
	List<Receipt> ofConversation(String conversationIdentifier) {
		return this.jdbc
			.sql("select entry_id, receipt_type, receipt_entry_id, user_id, acknowledged_at from agent_receipt "
					+ "where conversation_identifier = ? order by acknowledged_at, receipt_type")
			.param(conversationIdentifier)
			.query((rs, i) -> new Receipt(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getLong(5)))
			.list();
	}

	/** One receipt: the end user's entry, Delivered or Read, the receipt's own entry id, the agent, when. */
	record Receipt(String entryId, String type, String receiptEntryId, String userId, long acknowledgedAt) {
	}

}
