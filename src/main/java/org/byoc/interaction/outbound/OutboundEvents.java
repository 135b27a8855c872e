package org.byoc.interaction.outbound;

import org.byoc.interaction.setup.Channel;

/**
 * The port through which every other module publishes outbound custom events. An event is appended to the
 * channel's platform-event topic inside the caller's transaction, so it exists exactly when the change that caused
 * it committed (no dual write). A channel without an outbound event definition publishes nothing.
 */
public interface OutboundEvents {

	/** An {@code Interaction} event: an entry (message, typing, participant change, ...) for the recipient. */
	PublishedEvent publishInteraction(Channel channel, String conversationIdentifier, String channelAddressIdentifier,
			Participant recipient, ConversationEntry entry);

	/**
	 * A {@code RoutingRequested} event; {@code routingPayloadJson} is the payload object
	 * {@code {conversationIdentifier, routingType, workRecordId, routingParameters}}.
	 */
	PublishedEvent publishRoutingRequested(Channel channel, String channelAddressIdentifier, Participant recipient,
			String routingPayloadJson);

	/** The event's stable UUID (consumers de-duplicate on it) and its topic; empty topic when nothing was published. */
	record PublishedEvent(String eventId, String topicName) {

		public static final PublishedEvent NONE = new PublishedEvent(null, null);

	}

}
