package org.byoc.interaction.setup;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A messaging channel (the vendor's ConversationChannelDefinition). Its developer name is the value partners send
 * as {@code AuthorizationContext}; only the bound connected app may use it.
 *
 * @param linkedToContactCenter whether a contact center serves the channel; agent work on a channel that is not
 * linked is refused (15104)
 */
public record Channel(String orgId, String developerName, String connectedApp, Owner routingOwner, Owner consentOwner,
		boolean supportsKeywords, ChannelRouting routing, Map<String, Integer> channelVariables,
		OutboundEventDefinition outboundEvent, List<ChannelAddress> addresses, boolean linkedToContactCenter) {

	public Channel {
		channelVariables = Map.copyOf(channelVariables);
		addresses = List.copyOf(addresses);
	}

	/** A channel linked to the org's contact center. */
	public Channel(String orgId, String developerName, String connectedApp, Owner routingOwner, Owner consentOwner,
			boolean supportsKeywords, ChannelRouting routing, Map<String, Integer> channelVariables,
			OutboundEventDefinition outboundEvent, List<ChannelAddress> addresses) {
		this(orgId, developerName, connectedApp, routingOwner, consentOwner, supportsKeywords, routing,
				channelVariables, outboundEvent, addresses, true);
	}

	public Optional<ChannelAddress> address(String identifier) {
		return this.addresses.stream().filter((a) -> a.identifier().equals(identifier)).findFirst();
	}

	/** Who owns routing or consent for the channel: the partner's system or the vendor's. */
	public enum Owner {

		Partner, Salesforce

	}

	/** The channel's default routing: a queue, or a flow with its fallback queue. */
	public record ChannelRouting(String flowId, String queueId) {

		public boolean isFlow() {
			return this.flowId != null;
		}

	}

	/** One address (the partner's phone number, handle, ...) of the channel, identified by a UUID-like string. */
	public record ChannelAddress(String identifier, boolean active) {
	}

	/**
	 * The custom platform event the channel publishes outbound messages on (topic {@code /event/<name>}), with the
	 * names of its custom fields. Legacy structure uses the channel address and recipient fields; current uses the
	 * event type field.
	 */
	public record OutboundEventDefinition(String name, Structure structure, String payloadField, String eventTypeField,
			String channelAddressIdField, String recipientField) {

		public String topicName() {
			return "/event/" + this.name;
		}

		public enum Structure {

			current, legacy

		}

	}

}
