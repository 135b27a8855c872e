package org.byoc.interaction.outbound;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The durable, gap-safe log of outbound events, as the Pub/Sub face reads and appends to it. Replay ids are longs
 * handed out by one sequencer in commit order; everything at or below {@link #tip()} is committed and readable, so
 * a reader that moves its position to the tip never skips an event.
 */
public interface EventLog {

	/** The topic with this name ({@code /event/<Name>__e}) in the org (15 or 18 chars); other orgs' are invisible. */
	Optional<EventTopic> topic(String orgId, String topicName);

	/** The Avro schema JSON of any schema id ever put on an event or a topic. */
	Optional<String> schemaJson(String schemaId);

	/** Whether the org's topic uses or used this schema (its schema before a setup change, say). */
	boolean carriedSchema(String orgKey, String topicName, String schemaId);

	/** The highest replay id whose event (and every lower one) is committed and readable on this node. */
	long tip();

	/** Whether a subscriber may start after this replay id, re-reading the tip from the database first. */
	ReplayIdStatus check(long replayId);

	/**
	 * The replay id the org's log was last reset (or restored) at, 0 when never: a subscriber's replay id at or below
	 * it is from before and refused (see {@link EventLogResets}).
	 */
	long resetThrough(String orgKey);

	/** The position EARLIEST starts after: every replay id at or below it was removed by retention. */
	long earliestPosition();

	/** Events of the topic with {@code afterReplayId < replay id <= throughReplayId}, in replay-id order. */
	List<LoggedEvent> read(String orgKey, String topicName, long afterReplayId, long throughReplayId, int limit);

	/** Called whenever new replay ids became readable; {@code null} topics means "any topic may have changed". */
	Registration listen(Listener listener);

	/**
	 * Decodes each payload with the schema its schema id names (which must be this topic's event), stamps
	 * {@code CreatedDate} and {@code CreatedById} like the vendor does, appends the valid ones in one transaction
	 * and waits until they have replay ids.
	 */
	List<PublishOutcome> publish(String orgId, String topicName, String publisherUserId, List<IncomingEvent> events,
			Duration timeout);

	enum ReplayIdStatus {

		VALID, EXPIRED, UNKNOWN

	}

	/** A topic of an org: its current schema (what GetTopic reports) and the org id as configured. */
	record EventTopic(String orgId, String orgKey, String topicName, String schemaId, String schemaJson) {
	}

	/** One event as stored: its stable UUID, the schema its payload was written with, the Avro datum. */
	/** {@code createdAt}: when the change that caused the event happened (its CreatedDate, epoch ms). */
	record LoggedEvent(String eventId, String schemaId, byte[] payload, long replayId, long createdAt) {
	}

	record IncomingEvent(String correlationKey, String schemaId, byte[] payload) {
	}

	/** Either a replay id (success) or an error message, for the event with this correlation key. */
	record PublishOutcome(String correlationKey, String eventId, Long replayId, String error) {

		public boolean succeeded() {
			return this.error == null;
		}

	}

	/** A topic key is {@code orgKey + topicName}, see {@link #topicKey}. */
	interface Listener {

		void appended(Set<String> topicKeys);

	}

	interface Registration extends AutoCloseable {

		@Override
		void close();

	}

	static String topicKey(String orgKey, String topicName) {
		return orgKey + topicName;
	}

}
