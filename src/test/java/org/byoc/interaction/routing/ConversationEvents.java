package org.byoc.interaction.routing;

import java.time.Duration;
import java.util.List;

import org.byoc.interaction.support.PartnerSubscription;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;

/**
 * One conversation's outbound events as a partner's subscription receives them, taken in order, a few at a time.
 * The agent side's delivery and read receipts, which joining a conversation causes, are left out: routing tests
 * follow routing (receipts are agent.ReceiptsApiTest's).
 */
final class ConversationEvents {

	static final Duration WAIT = Duration.ofSeconds(15);

	private static final List<String> RECEIPTS = List.of("DeliveryAcknowledgement", "ReadAcknowledgement");

	private final PartnerSubscription subscription;

	private final String conversationIdentifier;

	private int taken;

	ConversationEvents(PartnerSubscription subscription, String conversationIdentifier) {
		this.subscription = subscription;
		this.conversationIdentifier = conversationIdentifier;
	}

	/** The next {@code count} events of the conversation after those taken before. */
	List<OutboundEvent> next(int count) {
		List<OutboundEvent> all = this.subscription.await(this.conversationIdentifier,
				(event) -> !RECEIPTS.contains(event.entryType()), this.taken + count, WAIT);
		List<OutboundEvent> next = List.copyOf(all.subList(this.taken, this.taken + count));
		this.taken += count;
		return next;
	}

}
