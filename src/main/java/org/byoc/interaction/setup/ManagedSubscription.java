package org.byoc.interaction.setup;

/**
 * A named Pub/Sub subscription whose position the server keeps (the vendor's ManagedEventSubscription, Tooling API
 * key prefix {@code 18x}): a client subscribes by its id or developer name and commits the replay ids it has
 * processed; a new stream resumes after the last committed one.
 *
 * @param id the record id ({@code 18x…}, 15 characters), assigned when the subscription is first applied
 * @param topicName the topic it reads, {@code /event/<Name>__e}, one of the org's channel events
 * @param defaultReplay where a subscription that never committed starts
 * @param errorRecoveryReplay where it starts when its committed replay id is no longer in the event log
 */
public record ManagedSubscription(String id, String developerName, String label, String topicName, State state,
		Replay defaultReplay, Replay errorRecoveryReplay) {

	/** The vendor's key prefix of ManagedEventSubscription records. */
	public static final String KEY_PREFIX = "18x";

	/** A copy with the given record id. */
	public ManagedSubscription withId(String newId) {
		return new ManagedSubscription(newId, this.developerName, this.label, this.topicName, this.state,
				this.defaultReplay, this.errorRecoveryReplay);
	}

	/** Whether {@code idOrName} names this subscription: its id (15 or 18 characters) or its developer name. */
	public boolean isNamed(String idOrName) {
		return OrgIds.sameId(this.id, idOrName) || this.developerName.equalsIgnoreCase(idOrName);
	}

	/** RUN: clients may subscribe; STOP: the subscription is paused and refuses clients. */
	public enum State {

		RUN, STOP

	}

	/** The vendor's EventSubscriptionReplayPreset. */
	public enum Replay {

		LATEST, EARLIEST

	}

}
