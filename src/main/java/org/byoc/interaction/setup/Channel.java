package org.byoc.interaction.setup;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A messaging channel (the vendor's ConversationChannelDefinition). Its developer name is the value partners send
 * as {@code AuthorizationContext}; only the bound connected app may use it. {@code consentKeywords} matter only
 * where the channel {@link #handlesConsentKeywords() handles consent keywords}.
 *
 * @param linkedToContactCenter whether a contact center serves the channel; agent work on a channel that is not
 * linked is refused (15104)
 */
public record Channel(String orgId, String developerName, String connectedApp, Owner routingOwner, Owner consentOwner,
		boolean supportsKeywords, ChannelRouting routing, Map<String, Integer> channelVariables,
		OutboundEventDefinition outboundEvent, List<ChannelAddress> addresses, ConsentKeywords consentKeywords,
		boolean linkedToContactCenter) {

	public Channel {
		channelVariables = Map.copyOf(channelVariables);
		addresses = List.copyOf(addresses);
		consentKeywords = (consentKeywords != null) ? consentKeywords : ConsentKeywords.DEFAULT;
	}

	/** A channel with the default consent keywords, linked to the org's contact center. */
	public Channel(String orgId, String developerName, String connectedApp, Owner routingOwner, Owner consentOwner,
			boolean supportsKeywords, ChannelRouting routing, Map<String, Integer> channelVariables,
			OutboundEventDefinition outboundEvent, List<ChannelAddress> addresses) {
		this(orgId, developerName, connectedApp, routingOwner, consentOwner, supportsKeywords, routing,
				channelVariables, outboundEvent, addresses, ConsentKeywords.DEFAULT, true);
	}

	/**
	 * Whether end users opt out and back in with keywords here: the contact center owns their consent
	 * ({@code consentOwner: Salesforce}) and the channel handles keywords.
	 */
	public boolean handlesConsentKeywords() {
		return this.consentOwner == Owner.Salesforce && this.supportsKeywords;
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

	/**
	 * One address (the partner's phone number, handle, ...) of the channel, identified by a UUID-like string: the
	 * vendor's MessagingChannel. The Interaction API serves only messaging addresses a partner provides on a custom
	 * channel; the setup may describe others to reproduce the contract's refusals (10002, 10006, 10035).
	 *
	 * @param channelType what kind of conversation channel the address belongs to
	 * @param provider who provides the address: the partner (Bring Your Own Channel) or the vendor itself
	 * @param messagingChannelType the vendor's messaging channel type (MessageType); the API's channels are Custom
	 */
	public record ChannelAddress(String identifier, boolean active, ChannelType channelType, Provider provider,
			MessagingChannelType messagingChannelType) {

		/** A partner-provided messaging address of a custom channel, the only kind the Interaction API serves. */
		public ChannelAddress(String identifier, boolean active) {
			this(identifier, active, ChannelType.Messaging, Provider.Partner, MessagingChannelType.Custom);
		}

		public enum ChannelType {

			Messaging, Voice

		}

		public enum Provider {

			Partner, Salesforce

		}

		public enum MessagingChannelType {

			Custom, Text, WhatsApp, Facebook, AppleBusinessChat, Line, EmbeddedMessaging

		}

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
