package org.byoc.interaction.conversation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.ConversationSummary;
import org.byoc.interaction.conversation.MessagingSession;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.setup.RecordIds;

/**
 * Conversations, sessions, end users and transcript entries. Creation is race-safe without poisoning the caller's
 * transaction: rows are inserted with {@code on conflict do nothing} (PostgreSQL, and H2 in PostgreSQL mode) and
 * then read back, so concurrent first messages of one end user share one conversation.
 */
@Repository
public class ConversationRepository {

	private static final String CONVERSATION_COLUMNS = "conversation_identifier, org_key, channel_developer_name, "
			+ "channel_address_identifier, end_user_id, end_user_client_id, current_session_id, end_user_typing, "
			+ "created_at";

	/** The same, of the conversation aliased {@code c}. */
	private static final String C_CONVERSATION_COLUMNS = "c." + CONVERSATION_COLUMNS.replace(", ", ", c.");

	/** Built once: this select runs for every inbound interaction. */
	private static final String FIND_WITH_SESSION_STATUS = "select " + C_CONVERSATION_COLUMNS
			+ ", s.status from conversation c left join messaging_session s on s.id = c.current_session_id "
			+ "where c.org_key = ? and c.channel_address_identifier = ? and c.end_user_client_id = ?";

	private static final String ENTRY_COLUMNS = "conversation_identifier, entry_id, messaging_session_id, entry_type, "
			+ "sender_app_type, sender_subject, sender_role, sender_display_name, client_timestamp, "
			+ "transcripted_timestamp, payload, attachment_id, delivery_error_code";

	/** An entry's time: an imported entry's client timestamp, else when it was recorded; the transcript's order. */
	static final String ENTRY_TIME = "(case when imported then client_timestamp else transcripted_timestamp end)";

	private final JdbcClient jdbc;

	ConversationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Finds the conversation of (org, address, end user) or creates it with its end user and first session. */
	public Conversation findOrCreate(String orgKey, String channelDeveloperName, String addressIdentifier, String clientId) {
		return findOrCreate(orgKey, channelDeveloperName, addressIdentifier, clientId, UUID.randomUUID().toString());
	}

	/** As above; a new conversation gets {@code newConversationIdentifier}. */
	public Conversation findOrCreate(String orgKey, String channelDeveloperName, String addressIdentifier, String clientId,
			String newConversationIdentifier) {
		// the hot path: an end user writing again in an active session costs this one query
		Optional<Current> existing = findWithSessionStatus(orgKey, addressIdentifier, clientId);
		if (existing.isPresent()) {
			return resume(existing.get());
		}
		Timestamp now = Timestamp.from(Instant.now());
		String endUserId = RecordIds.newId("0PA");
		int endUserInserted = this.jdbc
			.sql("insert into messaging_end_user (id, org_key, channel_address_identifier, client_id, created_at) "
					+ "values (?, ?, ?, ?, ?) on conflict do nothing")
			.params(endUserId, orgKey, addressIdentifier, clientId, now)
			.update();
		if (endUserInserted == 0) {
			endUserId = this.jdbc
				.sql("select id from messaging_end_user where org_key = ? and channel_address_identifier = ? "
						+ "and client_id = ?")
				.params(orgKey, addressIdentifier, clientId)
				.query(String.class)
				.single();
		}
		String conversationIdentifier = newConversationIdentifier;
		String sessionId = RecordIds.newId(MessagingSession.KEY_PREFIX);
		int inserted = this.jdbc.sql("insert into conversation (" + CONVERSATION_COLUMNS
				+ ") values (?, ?, ?, ?, ?, ?, ?, false, ?) on conflict do nothing")
			.params(conversationIdentifier, orgKey, channelDeveloperName, addressIdentifier, endUserId, clientId,
					sessionId, now)
			.update();
		if (inserted == 1) {
			insertSession(sessionId, conversationIdentifier, orgKey, MessagingSession.Status.Active, now);
			return new Conversation(conversationIdentifier, orgKey, channelDeveloperName, addressIdentifier,
					endUserId, clientId, sessionId, false, now.toInstant());
		}
		// another request created it first: resume theirs
		return resume(findWithSessionStatus(orgKey, addressIdentifier, clientId).orElseThrow());
	}

	/**
	 * An end user writing again resumes the conversation: an Inactive session becomes Active again, an Ended one is
	 * followed by a new session (a new work item); conditional updates keep concurrent messages to one new session.
	 */
	private Conversation resume(Current current) {
		Conversation conversation = current.conversation();
		MessagingSession.Status status = current.sessionStatus();
		if (status == null || status == MessagingSession.Status.Active) {
			return conversation;
		}
		if (status == MessagingSession.Status.Inactive) {
			changeSessionStatus(conversation.currentSessionId(), MessagingSession.Status.Inactive,
					MessagingSession.Status.Active);
			return conversation;
		}
		if (status != MessagingSession.Status.Ended) {
			return conversation;
		}
		String sessionId = RecordIds.newId(MessagingSession.KEY_PREFIX);
		int moved = this.jdbc
			.sql("update conversation set current_session_id = ? where conversation_identifier = ? "
					+ "and current_session_id = ?")
			.params(sessionId, conversation.conversationIdentifier(), conversation.currentSessionId())
			.update();
		if (moved == 1) {
			insertSession(sessionId, conversation.conversationIdentifier(), conversation.orgKey(),
					MessagingSession.Status.Active, Timestamp.from(Instant.now()));
		}
		return find(conversation.orgKey(), conversation.conversationIdentifier()).orElseThrow();
	}

	/** The conversation of (org, address, end user) with the status of its current session, in one query. */
	private Optional<Current> findWithSessionStatus(String orgKey, String addressIdentifier, String clientId) {
		return this.jdbc
			.sql(FIND_WITH_SESSION_STATUS)
			.params(orgKey, addressIdentifier, clientId)
			.query((rs, row) -> new Current(conversation(rs, row),
					(rs.getString(10) != null) ? MessagingSession.Status.valueOf(rs.getString(10)) : null))
			.optional();
	}

	/** Moves a session from one status to another (Ended also stamps the end); false when it was not in {@code from}. */
	public boolean changeSessionStatus(String sessionId, MessagingSession.Status from, MessagingSession.Status to) {
		return this.jdbc
			.sql("update messaging_session set status = ?, ended_at = ? where id = ? and status = ?")
			.params(to.name(), (to == MessagingSession.Status.Ended) ? Timestamp.from(Instant.now()) : null, sessionId,
					from.name())
			.update() == 1;
	}

	/** Holds the conversation's row until the transaction ends, so changes judged on its transcript take turns. */
	public void lock(String conversationIdentifier) {
		this.jdbc.sql("select conversation_identifier from conversation where conversation_identifier = ? for update")
			.param(conversationIdentifier)
			.query(String.class)
			.optional();
	}

	public Optional<Conversation> find(String orgKey, String addressIdentifier, String clientId) {
		return this.jdbc
			.sql("select " + CONVERSATION_COLUMNS + " from conversation "
					+ "where org_key = ? and channel_address_identifier = ? and end_user_client_id = ?")
			.params(orgKey, addressIdentifier, clientId)
			.query(ConversationRepository::conversation)
			.optional();
	}

	public Optional<Conversation> find(String orgKey, String conversationIdentifier) {
		return this.jdbc
			.sql("select " + CONVERSATION_COLUMNS + " from conversation where org_key = ? and conversation_identifier = ?")
			.params(orgKey, conversationIdentifier)
			.query(ConversationRepository::conversation)
			.optional();
	}

	public Optional<Conversation> findAnyOrg(String conversationIdentifier) {
		return this.jdbc
			.sql("select " + CONVERSATION_COLUMNS + " from conversation where conversation_identifier = ?")
			.param(conversationIdentifier)
			.query(ConversationRepository::conversation)
			.optional();
	}

	public List<Conversation> search(String orgKey, String addressIdentifier, String clientId, int limit, int offset) {
		// Conditions are added only for given filters: PostgreSQL cannot type a bare "? is null" parameter.
		StringBuilder sql = new StringBuilder("select " + CONVERSATION_COLUMNS + " from conversation where 1 = 1");
		List<Object> params = new ArrayList<>();
		if (orgKey != null) {
			sql.append(" and org_key = ?");
			params.add(orgKey);
		}
		if (addressIdentifier != null) {
			sql.append(" and channel_address_identifier = ?");
			params.add(addressIdentifier);
		}
		if (clientId != null) {
			sql.append(" and end_user_client_id = ?");
			params.add(clientId);
		}
		sql.append(" order by created_at desc, conversation_identifier limit ? offset ?");
		params.add(limit);
		params.add(offset);
		return this.jdbc.sql(sql.toString()).params(params).query(ConversationRepository::conversation).list();
	}

	public List<ConversationSummary> inbox(String orgKey, int limit, int offset) {
		record Line(Conversation conversation, MessagingSession.Status status, Long lastSeq) {
		}
		// the latest entry per conversation by index lookup (uq_entry leads with the conversation), so the page costs
		// one small lookup per conversation of the org and never a grouping of all its entries
		List<Line> lines = this.jdbc
			.sql("select * from (select " + C_CONVERSATION_COLUMNS + ", s.status, "
					+ "(select max(e.seq) from conversation_entry e where e.conversation_identifier = "
					+ "c.conversation_identifier) as last_seq from conversation c "
					+ "join messaging_session s on s.id = c.current_session_id where c.org_key = ?) x "
					+ "order by coalesce(x.last_seq, 0) desc, x.created_at desc, x.conversation_identifier "
					+ "limit ? offset ?")
			.params(orgKey, limit, offset)
			.query((rs, i) -> {
				long lastSeq = rs.getLong(11);
				return new Line(conversation(rs, i), MessagingSession.Status.valueOf(rs.getString(10)),
						rs.wasNull() ? null : lastSeq);
			})
			.list();
		if (lines.isEmpty()) {
			return List.of();
		}
		List<Long> lastSeqs = lines.stream().map(Line::lastSeq).filter(Objects::nonNull).toList();
		Map<String, TranscriptEntry> lastEntries = new HashMap<>();
		if (!lastSeqs.isEmpty()) {
			this.jdbc.sql("select " + ENTRY_COLUMNS + " from conversation_entry where seq in (:seqs)")
				.param("seqs", lastSeqs)
				.query(ConversationRepository::entry)
				.list()
				.forEach((entry) -> lastEntries.put(entry.conversationIdentifier(), entry));
		}
		List<String> ids = lines.stream().map((line) -> line.conversation().conversationIdentifier()).toList();
		Map<String, Integer> unread = new HashMap<>();
		// end-user messages after the conversation's latest agent entry for the end user (a private note is none)
		this.jdbc
			.sql("select e.conversation_identifier, count(*) from conversation_entry e "
					+ "where e.conversation_identifier in (:ids) and e.sender_role = 'EndUser' "
					+ "and e.entry_type = 'Message' and e.seq > coalesce((select max(a.seq) from conversation_entry a "
					+ "where a.conversation_identifier = e.conversation_identifier and a.sender_role = 'Agent' "
					+ "and a.entry_type not in ('Note', 'FlagRaise', 'FlagLower', 'ConsultConversationInfo')), 0) "
					+ "group by e.conversation_identifier")
			.param("ids", ids)
			.query((rs) -> {
				unread.put(rs.getString(1), rs.getInt(2));
			});
		return lines.stream()
			.map((line) -> new ConversationSummary(line.conversation(), line.status(),
					lastEntries.get(line.conversation().conversationIdentifier()),
					unread.getOrDefault(line.conversation().conversationIdentifier(), 0)))
			.toList();
	}

	public long count(String orgKey) {
		return this.jdbc.sql("select count(*) from conversation where org_key = ?")
			.param(orgKey)
			.query(Long.class)
			.single();
	}

	public Optional<MessagingSession> session(String sessionId) {
		return this.jdbc
			.sql("select id, conversation_identifier, org_key, status, started_at, ended_at from messaging_session "
					+ "where id = ?")
			.param(sessionId)
			.query((rs, i) -> new MessagingSession(rs.getString(1), rs.getString(2), rs.getString(3),
					MessagingSession.Status.valueOf(rs.getString(4)), rs.getTimestamp(5).toInstant(),
					instant(rs.getTimestamp(6))))
			.optional();
	}

	void insertSession(String sessionId, String conversationIdentifier, String orgKey, MessagingSession.Status status,
			Timestamp startedAt) {
		this.jdbc
			.sql("insert into messaging_session (id, conversation_identifier, org_key, status, started_at) "
					+ "values (?, ?, ?, ?, ?)")
			.params(sessionId, conversationIdentifier, orgKey, status.name(), startedAt)
			.update();
	}

	/** Inserts the entry unless one with the same id exists in the conversation; true when inserted. */
	public boolean insertEntry(TranscriptEntry entry, String orgKey, String contentHash) {
		Participant sender = entry.sender();
		return this.jdbc.sql("insert into conversation_entry (" + ENTRY_COLUMNS + ", org_key, content_hash) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
			.params(entry.conversationIdentifier(), entry.entryId(), entry.messagingSessionId(), entry.entryType(),
					sender.appType(), sender.subject(), sender.role(), entry.senderDisplayName(),
					entry.clientTimestamp(), entry.transcriptedTimestamp(), entry.payloadJson(), entry.attachmentId(),
					entry.deliveryErrorCode(), orgKey, contentHash)
			.update() == 1;
	}

	public Optional<StoredEntry> findEntry(String conversationIdentifier, String entryId) {
		return this.jdbc
			.sql("select " + ENTRY_COLUMNS + ", content_hash from conversation_entry "
					+ "where conversation_identifier = ? and entry_id = ?")
			.params(conversationIdentifier, entryId)
			.query((rs, i) -> new StoredEntry(entry(rs, i), rs.getString(14)))
			.optional();
	}

	public List<TranscriptEntry> transcript(String conversationIdentifier) {
		return this.jdbc
			.sql("select " + ENTRY_COLUMNS + " from conversation_entry where conversation_identifier = ? order by "
					+ ENTRY_TIME + ", seq")
			.param(conversationIdentifier)
			.query(ConversationRepository::entry)
			.list();
	}

	/**
	 * Up to {@code limit} entries whose time (see {@link #ENTRY_TIME}) lies between {@code startTime} and
	 * {@code endTime} (both included; null: no end), read from the oldest ({@code fromStart}) or from the newest.
	 */
	public List<TranscriptEntry> entries(String conversationIdentifier, long startTime, Long endTime, int limit,
			boolean fromStart) {
		String direction = fromStart ? "asc" : "desc";
		// notes, flags and consults are the agents' own: a bot reads what the end user's side may see
		StringBuilder sql = new StringBuilder("select " + ENTRY_COLUMNS
				+ " from conversation_entry where conversation_identifier = ? and entry_type not in ('Note', "
				+ "'FlagRaise', 'FlagLower', 'ConsultConversationInfo') and " + ENTRY_TIME + " >= ?");
		List<Object> params = new ArrayList<>(List.of(conversationIdentifier, startTime));
		if (endTime != null) {
			sql.append(" and ").append(ENTRY_TIME).append(" <= ?");
			params.add(endTime);
		}
		sql.append(" order by ").append(ENTRY_TIME).append(' ').append(direction).append(", seq ").append(direction);
		sql.append(" limit ?");
		params.add(limit);
		return this.jdbc.sql(sql.toString()).params(params).query(ConversationRepository::entry).list();
	}

	/** Marks a just-recorded entry as imported history: the transcript places it by its client timestamp. */
	public void markImported(String conversationIdentifier, String entryId) {
		this.jdbc.sql("update conversation_entry set imported = true where conversation_identifier = ? and entry_id = ?")
			.params(conversationIdentifier, entryId)
			.update();
	}

	/** A session that began (and possibly ended) before it was recorded, e.g. a bot conversation being imported. */
	public void insertPastSession(String sessionId, String conversationIdentifier, String orgKey, Instant startedAt,
			Instant endedAt) {
		this.jdbc
			.sql("insert into messaging_session (id, conversation_identifier, org_key, status, started_at, ended_at) "
					+ "values (?, ?, ?, ?, ?, ?)")
			.params(sessionId, conversationIdentifier, orgKey,
					((endedAt != null) ? MessagingSession.Status.Ended : MessagingSession.Status.Active).name(),
					Timestamp.from(startedAt), (endedAt != null) ? Timestamp.from(endedAt) : null)
			.update();
	}

	/** Gives a session its real start (and end, which also makes it Ended). */
	public void backdateSession(String sessionId, Instant startedAt, Instant endedAt) {
		this.jdbc.sql("update messaging_session set started_at = ?, ended_at = ?, status = ? where id = ?")
			.params(Timestamp.from(startedAt), (endedAt != null) ? Timestamp.from(endedAt) : null,
					((endedAt != null) ? MessagingSession.Status.Ended : MessagingSession.Status.Active).name(),
					sessionId)
			.update();
	}

	/** Makes {@code sessionId} the conversation's current session. */
	public void makeCurrent(String conversationIdentifier, String sessionId) {
		this.jdbc.sql("update conversation set current_session_id = ? where conversation_identifier = ?")
			.params(sessionId, conversationIdentifier)
			.update();
	}

	/** Marks an earlier entry as not delivered to the end user; false when the conversation has no such entry. */
	public boolean markDeliveryFailed(String conversationIdentifier, String entryId, String errorCode) {
		return this.jdbc
			.sql("update conversation_entry set delivery_error_code = ? where conversation_identifier = ? and entry_id = ?")
			.params(errorCode, conversationIdentifier, entryId)
			.update() == 1;
	}

	public void setTyping(String conversationIdentifier, boolean typing) {
		this.jdbc
			.sql("update conversation set end_user_typing = ?, end_user_typing_at = ? where conversation_identifier = ?")
			.params(typing, Timestamp.from(Instant.now()), conversationIdentifier)
			.update();
	}

	private static Conversation conversation(ResultSet rs, int row) throws SQLException {
		return new Conversation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getTimestamp(9).toInstant());
	}

	private static TranscriptEntry entry(ResultSet rs, int row) throws SQLException {
		return new TranscriptEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
				new Participant(rs.getString(5), rs.getString(6), rs.getString(7)), rs.getString(8), rs.getLong(9),
				rs.getLong(10), rs.getString(11), rs.getString(12), rs.getString(13));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	public record StoredEntry(TranscriptEntry entry, String contentHash) {
	}

	/** A conversation and the status of its current session (null if that session row is missing). */
	private record Current(Conversation conversation, MessagingSession.Status sessionStatus) {
	}

}
