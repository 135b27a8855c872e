package org.byoc.interaction.conversation;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.setup.Channel.ChannelAddress;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory.AddressOfChannel;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * The channel behind a channel address a partner names ({@code to}, {@code channelAddressIdentifier}): the address
 * must exist in the org (10017), be active (10031), belong to the channel the caller's AuthorizationContext names
 * (10001), and be one the Interaction API serves ({@link #requireServable}).
 */
public final class ChannelAddresses {

	private ChannelAddresses() {
	}

	public static Channel channelOf(SetupDirectory setup, String orgId, String authorizationContext,
			String addressIdentifier) {
		AddressOfChannel address = setup.address(orgId, addressIdentifier)
			.orElseThrow(() -> ErrorCode.CHANNEL_ADDRESS_IDENTIFIER_INVALID
				.exception("No channel address " + addressIdentifier + " in org " + OrgIds.key(orgId) + "."));
		if (!address.address().active()) {
			throw ErrorCode.CHANNEL_ADDRESS_IS_INACTIVE.exception("Channel address " + addressIdentifier + " is inactive.");
		}
		if (!address.channel().developerName().equals(authorizationContext)) {
			throw ErrorCode.AUTH_CONTEXT_CHANNEL_INVALID.exception("Channel address " + addressIdentifier
					+ " does not belong to AuthorizationContext " + authorizationContext + ".");
		}
		requireServable(address.address());
		return address.channel();
	}

	/**
	 * The Interaction API carries messaging (10002 for a voice address), on addresses the partner provides
	 * (10006 for one the vendor provides itself), of custom channels (10035 for SMS, WhatsApp and the like).
	 */
	public static void requireServable(ChannelAddress address) {
		if (address.channelType() != ChannelAddress.ChannelType.Messaging) {
			throw ErrorCode.CHANNEL_TYPE_INVALID.exception("Channel address " + address.identifier() + " is a "
					+ address.channelType() + " channel; the Interaction API carries Messaging channels only.");
		}
		if (address.provider() != ChannelAddress.Provider.Partner) {
			throw ErrorCode.CHANNEL_PROVIDER_INVALID.exception("Channel address " + address.identifier()
					+ " is provided by " + address.provider() + "; the Interaction API takes only addresses a "
					+ "partner provides (Bring Your Own Channel).");
		}
		if (address.messagingChannelType() != ChannelAddress.MessagingChannelType.Custom) {
			throw ErrorCode.MESSAGING_CHANNEL_TYPE_INVALID.exception("Channel address " + address.identifier()
					+ " is a " + address.messagingChannelType() + " messaging channel, not of type CUSTOM.");
		}
	}

}
