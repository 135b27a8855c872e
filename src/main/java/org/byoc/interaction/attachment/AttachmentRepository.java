package org.byoc.interaction.attachment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code attachment} table. JdbcClient joins whatever transaction the caller has open. */
final class AttachmentRepository {

	private static final String COLUMNS = "id, org_key, conversation_identifier, store_key, file_name, mime_type, size_bytes, sha256, created_at";

	private final JdbcClient jdbc;

	AttachmentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(StoredAttachment a) {
		this.jdbc.sql("INSERT INTO attachment (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(a.id().toString(), a.orgKey(), a.conversationId().toString(), a.storeKey(), a.fileName(), a.mimeType(), a.size(),
					a.sha256(), OffsetDateTime.ofInstant(a.createdAt(), ZoneOffset.UTC))
			.update();
	}

	Optional<StoredAttachment> find(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM attachment WHERE id = ?")
			.param(id.toString())
			.query(AttachmentRepository::map)
			.optional();
	}

	List<StoredAttachment> findByConversation(UUID conversationId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM attachment WHERE conversation_identifier = ? ORDER BY created_at, id")
			.param(conversationId.toString())
			.query(AttachmentRepository::map)
			.list();
	}

	private static StoredAttachment map(ResultSet rs, int row) throws SQLException {
		return new StoredAttachment(UUID.fromString(rs.getString("id")), rs.getString("org_key"),
				UUID.fromString(rs.getString("conversation_identifier")), rs.getString("store_key"), rs.getString("file_name"),
				rs.getString("mime_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

}
