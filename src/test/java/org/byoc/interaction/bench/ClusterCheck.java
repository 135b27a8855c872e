package org.byoc.interaction.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster scenario's verdict, from the database every node shares: each acknowledged interaction stored exactly
 * once, each acknowledged agent reply logged exactly once, and each subscriber's events equal to the log (same
 * replay ids, same order, none missing, none twice) from where it started.
 */
final class ClusterCheck {



	private final String url;

	private final String orgKey;

	private final String topic;

	ClusterCheck(String url, String orgId, String topic) {
		this.url = url;
		this.orgKey = orgId.substring(0, 15);
		this.topic = topic;
	}

	long lastReplayId() throws SQLException {
		try (Connection connection = connect();
				PreparedStatement statement = connection.prepareStatement(
						"select coalesce(max(replay_id), 0) from outbound_event where org_key = ? and topic = ?")) {
			statement.setString(1, this.orgKey);
			statement.setString(2, this.topic);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	Outcome verify(long from, Set<String> entries, Set<String> replies, Set<String> ambiguous,
			List<ResumingSubscriber> subscribers) throws SQLException {
		List<String> problems = new ArrayList<>();
		Map<String, Integer> stored = new HashMap<>();
		List<Long> log = new ArrayList<>();
		Map<String, Integer> logged = new HashMap<>();
		try (Connection connection = connect()) {
			try (PreparedStatement statement = connection.prepareStatement("select entry_id, count(*) from"
					+ " conversation_entry where org_key = ? and entry_id = any(?) group by entry_id")) {
				Array ids = connection.createArrayOf("varchar", entries.toArray());
				statement.setString(1, this.orgKey);
				statement.setArray(2, ids);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						stored.put(rows.getString(1), rows.getInt(2));
					}
				}
			}
			try (PreparedStatement statement = connection.prepareStatement("select replay_id, payload from"
					+ " outbound_event where org_key = ? and topic = ? and replay_id > ? order by replay_id")) {
				statement.setString(1, this.orgKey);
				statement.setString(2, this.topic);
				statement.setLong(3, from);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						log.add(rows.getLong(1));
						String payload = new String(rows.getBytes(2), java.nio.charset.StandardCharsets.ISO_8859_1);
						Matcher marker = Pattern.compile("cluster-[a-z]+-\\d+").matcher(payload);
						if (marker.find()) {
							logged.merge(marker.group(), 1, Integer::sum);
						}
					}
				}
			}
		}
		int missingEntries = (int) entries.stream().filter((id) -> !stored.containsKey(id)).count();
		int doubledEntries = (int) stored.values().stream().filter((n) -> n > 1).count();
		int missingReplies = (int) replies.stream().filter((m) -> !logged.containsKey(m)).count();
		int doubledReplies = (int) logged.values().stream().filter((n) -> n > 1).count();
		int ambiguousCommitted = (int) ambiguous.stream().filter(logged::containsKey).count();
		if (missingEntries > 0) {
			problems.add(missingEntries + " acknowledged interactions missing");
		}
		if (doubledEntries > 0) {
			problems.add(doubledEntries + " interactions stored twice");
		}
		if (missingReplies > 0) {
			problems.add(missingReplies + " acknowledged agent replies missing from the log");
		}
		if (doubledReplies > 0) {
			problems.add(doubledReplies + " agent replies logged twice");
		}
		Map<String, Received> received = new LinkedHashMap<>();
		boolean match = true;
		for (ResumingSubscriber subscriber : subscribers) {
			List<Long> ids = subscriber.replayIds();
			Set<Long> unique = new HashSet<>(ids);
			int duplicates = ids.size() - unique.size();
			int missing = (int) log.stream().filter((id) -> !unique.contains(id)).count();
			int outOfOrder = 0;
			for (int i = 1; i < ids.size(); i++) {
				if (ids.get(i) <= ids.get(i - 1)) {
					outOfOrder++;
				}
			}
			received.put(subscriber.name(), new Received(ids.size(), duplicates, missing, outOfOrder));
			if (!ids.equals(log)) {
				match = false;
				problems.add(subscriber.name() + " received " + ids.size() + " events (" + duplicates
						+ " twice, " + missing + " missing, " + outOfOrder + " out of order) of " + log.size());
			}
		}
		return new Outcome(from, log.size(), missingEntries, doubledEntries, missingReplies, doubledReplies,
				ambiguousCommitted, match, received, problems);
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url);
	}

	record Received(int count, int duplicates, int missing, int outOfOrder) {
	}

	record Outcome(long from, int loggedEvents, int missingEntries, int doubledEntries, int missingReplies,
			int doubledReplies, int ambiguousCommitted, boolean subscribersMatch, Map<String, Received> received,
			List<String> problems) {

		boolean passed() {
			return this.problems.isEmpty();
		}

	}

}
