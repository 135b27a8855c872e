package org.byoc.interaction.agent.slate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.attachment.Attachments;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.outbound.EventLogResets;
import org.byoc.interaction.outbound.EventLogResets.StoredEvent;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * Clean slates for an org (issue 17, §4), its setup untouched. A reset deletes its state ({@link OrgRows}), its
 * events ({@link EventLogResets}) and, once that committed, its stored files. A snapshot copies all of it, files'
 * bytes included, into the database; a restore resets the org and puts the snapshot back, so the org reads exactly
 * as it did. Only the org's own rows are ever read or written: other orgs are not touched.
 */
@Service
class OrgSlates {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	private final SetupDirectory setup;

	private final OrgRows rows;

	private final EventLogResets events;

	private final Attachments attachments;

	private final SnapshotRepository snapshots;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	OrgSlates(SetupDirectory setup, OrgRows rows, EventLogResets events, Attachments attachments,
			SnapshotRepository snapshots, TransactionTemplate transactions, Clock clock) {
		this.setup = setup;
		this.rows = rows;
		this.events = events;
		this.attachments = attachments;
		this.snapshots = snapshots;
		this.transactions = transactions;
		this.clock = clock;
	}

	Reset reset(String orgId) {
		Org org = org(orgId);
		return this.transactions.execute((status) -> {
			List<String> files = this.rows.attachmentKeys(org.key());
			int eventCount = this.events.events(org.key()).size();
			long through = this.events.reset(org.key());
			int deleted = this.rows.delete(org.key());
			afterCommit(() -> files.forEach(this.attachments::deleteStored));
			return new Reset(org.key(), deleted, eventCount, files.size(), through);
		});
	}

	Snapshot snapshot(String orgId, String name) {
		Org org = org(orgId);
		if (name == null || !NAME.matcher(name).matches()) {
			throw ErrorCode.INVALID_PARAMETERS.exception("name is required: 1 to 100 letters, digits, '.', '_' or "
					+ "'-', starting with a letter or digit.");
		}
		long now = this.clock.millis();
		Content content = this.transactions.execute((status) -> {
			Map<String, List<Map<String, Object>>> tables = this.rows.read(org.key());
			List<Event> logged = this.events.events(org.key()).stream().map(Event::of).toList();
			return new Content(org.key(), now, tables, logged, Map.of());
		});
		Map<String, String> files = new LinkedHashMap<>();
		for (String key : this.rows.attachmentKeys(org.key())) {
			read(key).ifPresent((bytes) -> files.put(key, Base64.getEncoder().encodeToString(bytes)));
		}
		Content complete = new Content(content.orgKey(), now, content.tables(), content.events(), files);
		String serialized = this.json.writeValueAsString(complete);
		this.snapshots.save(org.key(), name, now, serialized);
		return new Snapshot(name, now, serialized.length(), count(complete.tables()), complete.events().size(),
				files.size());
	}

	List<SnapshotRepository.Listed> list(String orgId) {
		return this.snapshots.list(org(orgId).key());
	}

	void delete(String orgId, String name) {
		if (!this.snapshots.delete(org(orgId).key(), name)) {
			throw notFound(org(orgId), name);
		}
	}

	Restored restore(String orgId, String name) {
		Org org = org(orgId);
		Content content = this.json.readValue(
				this.snapshots.content(org.key(), name).orElseThrow(() -> notFound(org, name)), Content.class);
		Map<String, String> types = new LinkedHashMap<>();
		for (Map<String, Object> row : content.tables().getOrDefault("attachment", List.of())) {
			types.put(String.valueOf(row.get("store_key")), String.valueOf(row.get("mime_type")));
		}
		for (Map.Entry<String, String> file : content.files().entrySet()) {
			byte[] bytes = Base64.getDecoder().decode(file.getValue());
			this.attachments.restoreStored(file.getKey(), new ByteArrayInputStream(bytes), bytes.length,
					types.getOrDefault(file.getKey(), "application/octet-stream"));
		}
		return this.transactions.execute((status) -> {
			Set<String> gone = new HashSet<>(this.rows.attachmentKeys(org.key()));
			gone.removeAll(content.files().keySet());
			long through = this.events.reset(org.key());
			this.rows.delete(org.key());
			int inserted = this.rows.insert(content.tables());
			int restoredEvents = this.events.restore(org.key(),
					content.events().stream().map(Event::toStored).toList());
			afterCommit(() -> gone.forEach(this.attachments::deleteStored));
			return new Restored(org.key(), name, inserted, restoredEvents, content.files().size(), through);
		});
	}

	private Optional<byte[]> read(String storeKey) {
		Optional<InputStream> stream = this.attachments.openStored(storeKey);
		if (stream.isEmpty()) {
			return Optional.empty();
		}
		try (InputStream in = stream.get()) {
			return Optional.of(in.readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read attachment " + storeKey, ex);
		}
	}

	private Org org(String orgId) {
		return this.setup.org(orgId)
			.orElseThrow(() -> ErrorCode.ENDPOINT_NOT_FOUND.exception("No org " + orgId + " in the setup."));
	}

	private static RuntimeException notFound(Org org, String name) {
		return ErrorCode.ENDPOINT_NOT_FOUND.exception("No snapshot " + name + " of org " + org.key() + ".");
	}

	private static int count(Map<String, List<Map<String, Object>>> tables) {
		return tables.values().stream().mapToInt(List::size).sum();
	}

	private static void afterCommit(Runnable action) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				action.run();
			}

		});
	}

	/** What a reset removed; {@code resetThrough}: replay ids at or below it are from before. */
	record Reset(String orgId, int rows, int events, int files, long resetThrough) {
	}

	record Snapshot(String name, long createdAt, long size, int rows, int events, int files) {
	}

	record Restored(String orgId, String name, int rows, int events, int files, long resetThrough) {
	}

	/** A snapshot as stored: the org's rows by table, its events, its files' bytes by store key (base64). */
	record Content(String orgKey, long createdAt, Map<String, List<Map<String, Object>>> tables, List<Event> events,
			Map<String, String> files) {

		Content {
			tables = (tables != null) ? tables : Map.of();
			events = (events != null) ? events : new ArrayList<>();
			files = (files != null) ? files : Map.of();
		}

	}

	/** An event of the log with its payload in base64. */
	record Event(String eventId, String topic, String schemaId, String payload, long createdAt, Long replayId) {

		static Event of(StoredEvent event) {
			return new Event(event.eventId(), event.topic(), event.schemaId(),
					Base64.getEncoder().encodeToString(event.payload()), event.createdAt(), event.replayId());
		}

		StoredEvent toStored() {
			return new StoredEvent(this.eventId, this.topic, this.schemaId, Base64.getDecoder().decode(this.payload),
					this.createdAt, this.replayId);
		}

	}

}
