package org.byoc.interaction.setup;

import java.util.List;
import java.util.Optional;

/**
 * Read-only lookups into the current setup: the public face other modules use. Every method answers from memory;
 * the snapshot is replaced atomically whenever a setup is applied.
 */
public interface SetupDirectory {

	List<Org> orgs();

	/** The org with this id, given as 15 or 18 characters. */
	Optional<Org> org(String orgId);

	/** The connected app with this consumer key; consumer keys are unique across orgs. */
	Optional<ConnectedApp> connectedApp(String consumerKey);

	/** The channel with this developer name in the org. */
	Optional<Channel> channel(String orgId, String developerName);

	/** The bring-your-own-bot integration with this developer name in the org. */
	Optional<BotIntegration> botIntegration(String orgId, String developerName);

	/** The channel address with this identifier in the org, together with its channel. */
	Optional<AddressOfChannel> address(String orgId, String addressIdentifier);

	record AddressOfChannel(Channel channel, Channel.ChannelAddress address) {
	}

}
