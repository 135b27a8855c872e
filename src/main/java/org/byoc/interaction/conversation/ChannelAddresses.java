package org.byoc.interaction.conversation;

import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.setup.SetupDirectory.AddressOfChannel;
import org.byoc.interaction.web.ErrorCode;

/**
 * The channel behind a channel address a partner names ({@code to}, {@code channelAddressIdentifier}): the address
 * must exist in the org (10017), be active (10031) and belong to the channel the caller's AuthorizationContext
 * names (10001).
 */
final class ChannelAddresses {

	private ChannelAddresses() {
	}

	static Channel channelOf(SetupDirectory setup, String orgId, String authorizationContext,
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
		return address.channel();
	}

}
