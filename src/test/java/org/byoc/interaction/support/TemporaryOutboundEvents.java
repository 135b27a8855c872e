package org.byoc.interaction.support;

import java.util.UUID;

import org.springframework.stereotype.Component;

import org.byoc.interaction.outbound.ConversationEntry;
import org.byoc.interaction.outbound.OutboundEvents;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.setup.Channel;

/** TEMPORARY until branch outbound is on main: lets the context start. Delete on merge. */
@Component
class TemporaryOutboundEvents implements OutboundEvents {

	@Override
	public PublishedEvent publishInteraction(Channel channel, String conversationIdentifier,
			String channelAddressIdentifier, Participant recipient, ConversationEntry entry) {
		return new PublishedEvent(UUID.randomUUID().toString(), "/event/x");
	}

	@Override
	public PublishedEvent publishRoutingRequested(Channel channel, String channelAddressIdentifier,
			Participant recipient, String routingPayloadJson) {
		return new PublishedEvent(UUID.randomUUID().toString(), "/event/x");
	}

}
