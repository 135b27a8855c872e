package org.byoc.interaction.agent.slate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Every row an org's state has, table by table, outside its setup: conversations and their transcript, sessions,
 * participants, receipts, consults, attachments (the records; the bytes are the store's), routing (PSRs, agent work,
 * consent, presence), registered capabilities, managed subscriptions' commits and scripted agents' turns. The event
 * log is {@code outbound}'s ({@link org.byoc.interaction.outbound.EventLogResets}). Parents come before children:
 * rows are inserted in this order and deleted in the reverse one. Values travel as JSON-friendly text, numbers and
 * booleans (bytes in base64, times as instants), typed by the column on the way back.
 */
@Repository
class OrgRows {

	/** Table and the condition that selects the org's rows (its one parameter is the org key). */
	static final List<Map.Entry<String, String>> TABLES = List.of(
			Map.entry("messaging_end_user", "org_key = ?"),
			Map.entry("conversation", "org_key = ?"),
			Map.entry("messaging_session", "org_key = ?"),
			Map.entry("conversation_entry", "org_key = ?"),
			Map.entry("attachment", "org_key = ?"),
			Map.entry("entry_acknowledgement", "org_key = ?"),
			Map.entry("conversation_participant", "org_key = ?"),
			Map.entry("agent_receipt", "org_key = ?"),
			Map.entry("consult_conversation", "org_key = ?"),
			Map.entry("consult_message",
					"consult_id in (select id from consult_conversation where org_key = ?)"),
			Map.entry("pending_service_routing", "org_key = ?"),
			Map.entry("agent_work", "org_key = ?"),
			Map.entry("consent", "org_key = ?"),
			Map.entry("registered_capabilities", "org_key = ?"),
			Map.entry("agent_presence", "org_key = ?"),
			Map.entry("managed_subscription_commit", "org_key = ?"),
			Map.entry("scripted_agent_turn", "org_key = ?"));

	private final JdbcTemplate jdbc;

	OrgRows(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The org's rows of every table, in {@link #TABLES} order; a row is a map of column to value. */
	Map<String, List<Map<String, Object>>> read(String orgKey) {
		Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
		for (Map.Entry<String, String> table : TABLES) {
			tables.put(table.getKey(), this.jdbc.query(
					"select * from " + table.getKey() + " where " + table.getValue() + order(table.getKey()),
					(rs, n) -> row(rs), orgKey));
		}
		return tables;
	}

	/** Deletes the org's rows of every table, children first; answers how many. */
	int delete(String orgKey) {
		int deleted = 0;
		for (int i = TABLES.size() - 1; i >= 0; i--) {
			Map.Entry<String, String> table = TABLES.get(i);
			deleted += this.jdbc.update("delete from " + table.getKey() + " where " + table.getValue(), orgKey);
		}
		return deleted;
	}

	/** Inserts rows as {@link #read} gave them, parents first; answers how many. */
	int insert(Map<String, List<Map<String, Object>>> tables) {
		int inserted = 0;
		for (Map.Entry<String, String> table : TABLES) {
			List<Map<String, Object>> rows = tables.getOrDefault(table.getKey(), List.of());
			if (rows.isEmpty()) {
				continue;
			}
			Map<String, Integer> types = columnTypes(table.getKey());
			for (Map<String, Object> row : rows) {
				List<String> columns = new ArrayList<>(row.keySet());
				String sql = "insert into " + table.getKey() + " (" + String.join(", ", columns) + ") values ("
						+ String.join(", ", columns.stream().map((c) -> "?").toList()) + ")";
				this.jdbc.update(sql, (PreparedStatement statement) -> {
					for (int i = 0; i < columns.size(); i++) {
						Integer type = types.get(columns.get(i));
						if (type == null) {
							throw new SQLException("Table " + table.getKey() + " has no column " + columns.get(i));
						}
						bind(statement, i + 1, type, row.get(columns.get(i)));
					}
				});
				inserted++;
			}
		}
		return inserted;
	}

	/** The store keys of the org's attachments. */
	List<String> attachmentKeys(String orgKey) {
		return this.jdbc.queryForList("select store_key from attachment where org_key = ?", String.class, orgKey);
	}

	/** A stable order, so two reads of the same state compare equal row by row. */
	private static String order(String table) {
		return switch (table) {
			case "conversation_entry", "consult_message" -> " order by seq";
			case "conversation_participant" -> " order by id";
			default -> " order by 1, 2, 3";
		};
	}

	private Map<String, Integer> columnTypes(String table) {
		return this.jdbc.query("select * from " + table + " where 1 = 0", (ResultSet rs) -> {
			ResultSetMetaData meta = rs.getMetaData();
			Map<String, Integer> types = new LinkedHashMap<>();
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				types.put(meta.getColumnLabel(i).toLowerCase(), meta.getColumnType(i));
			}
			return types;
		});
	}

	private static Map<String, Object> row(ResultSet rs) throws SQLException {
		ResultSetMetaData meta = rs.getMetaData();
		Map<String, Object> row = new LinkedHashMap<>();
		for (int i = 1; i <= meta.getColumnCount(); i++) {
			row.put(meta.getColumnLabel(i).toLowerCase(), value(rs, i, meta.getColumnType(i)));
		}
		return row;
	}

	private static Object value(ResultSet rs, int column, int type) throws SQLException {
		Object value = switch (type) {
			case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
				byte[] bytes = rs.getBytes(column);
				yield (bytes != null) ? Base64.getEncoder().encodeToString(bytes) : null;
			}
			case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
				Timestamp timestamp = rs.getTimestamp(column);
				yield (timestamp != null) ? timestamp.toInstant().toString() : null;
			}
			case Types.BOOLEAN, Types.BIT -> rs.getBoolean(column);
			case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> rs.getLong(column);
			case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC, Types.DECIMAL -> rs.getDouble(column);
			default -> rs.getString(column);
		};
		return rs.wasNull() ? null : value;
	}

	private static void bind(PreparedStatement statement, int index, int type, Object value) throws SQLException {
		if (value == null) {
			statement.setNull(index, type);
			return;
		}
		switch (type) {
			case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
				statement.setBytes(index, Base64.getDecoder().decode(value.toString()));
			case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
				statement.setTimestamp(index, Timestamp.from(Instant.parse(value.toString())));
			case Types.BOOLEAN, Types.BIT -> statement.setBoolean(index, (Boolean) value);
			case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> statement.setInt(index, ((Number) value).intValue());
			case Types.BIGINT -> statement.setLong(index, ((Number) value).longValue());
			case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC, Types.DECIMAL ->
				statement.setDouble(index, ((Number) value).doubleValue());
			default -> statement.setString(index, value.toString());
		}
	}

}
