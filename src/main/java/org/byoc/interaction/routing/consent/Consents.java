package org.byoc.interaction.routing.consent;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.ChannelAddresses;
import org.byoc.interaction.conversation.ConsentCheck;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.routing.internal.RoutingRepository;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory.AddressOfChannel;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * End users' messaging consent per channel address ({@code PATCH /api/v1/consent}, contract §B3). Only a channel
 * whose consent owner is the partner (10022) and that does not handle keywords itself (10023) takes it from the
 * partner. DoublyOptedIn needs a contact-center (CCaaS) org. Consent is kept for an end user who has a
 * conversation on the address (10025 otherwise).
 */
@Service
public class Consents implements ConsentCheck {

	private final SetupDirectory setup;

	private final Conversations conversations;

	private final RoutingRepository repository;

	Consents(SetupDirectory setup, Conversations conversations, RoutingRepository repository) {
		this.setup = setup;
		this.conversations = conversations;
		this.repository = repository;
	}

	@Transactional
	void update(String orgId, String channelDeveloperName, ConsentRequest request) {
		String address = request.channelAddressIdentifier();
		AddressOfChannel found = this.setup.address(orgId, address)
			.orElseThrow(() -> ErrorCode.CHANNEL_ADDRESS_IDENTIFIER_INVALID
				.exception("No channel address " + address + " in org " + OrgIds.key(orgId) + "."));
		Channel channel = found.channel();
		if (!channel.developerName().equals(channelDeveloperName)) {
			throw ErrorCode.AUTH_CONTEXT_CHANNEL_INVALID.exception("Channel address " + address
					+ " does not belong to AuthorizationContext " + channelDeveloperName + ".");
		}
		if (!found.address().active()) {
			throw ErrorCode.CHANNEL_ADDRESS_IS_INACTIVE.exception("Channel address " + address + " is inactive.");
		}
		ChannelAddresses.requireServable(found.address());
		if (channel.consentOwner() != Channel.Owner.Partner) {
			throw ErrorCode.CONSENT_OWNER_INVALID.exception("The consent owner of channel " + channel.developerName()
					+ " is " + channel.consentOwner() + ", not Partner.");
		}
		if (channel.supportsKeywords()) {
			throw ErrorCode.SUPPORTS_KEYWORDS_INVALID.exception("Channel " + channel.developerName()
					+ " supports keywords: consent follows the end user's keywords there.");
		}
		if (request.consentStatus() == ConsentStatus.DoublyOptedIn
				&& !this.setup.org(orgId).map(Org::features).map(Org.OrgFeatures::ccaas).orElse(false)) {
			throw ErrorCode.CONSENT_STATUS_INVALID
				.exception("DoublyOptedIn needs Contact Center as a Service, which org " + OrgIds.key(orgId)
						+ " has not enabled.");
		}
		if (this.conversations.find(orgId, address, request.endUserClientId()).isEmpty()) {
			throw ErrorCode.CONVERSATION_ID_NOT_FOUND_ERROR.exception("No conversation on channel address " + address
					+ " with end user " + request.endUserClientId() + ": consent is set for end users who wrote.");
		}
		this.repository.saveConsent(OrgIds.key(orgId), address, request.endUserClientId(), request.consentStatus());
	}

	/** The consent stored for the end user on the address; empty when the partner never set one. */
	@Transactional(readOnly = true)
	public Optional<ConsentStatus> consent(String orgId, String addressIdentifier, String endUserClientId) {
		return this.repository.consent(OrgIds.key(orgId), addressIdentifier, endUserClientId);
	}

	@Override
	@Transactional(readOnly = true)
	public void requireOptedIn(Conversation conversation) {
		if (consent(conversation.orgKey(), conversation.channelAddressIdentifier(), conversation.endUserClientId())
			.orElse(null) == ConsentStatus.OptedOut) {
			throw ErrorCode.END_USER_NOT_OPTED_IN.exception("End user " + conversation.endUserClientId()
					+ " opted out of messages on channel address " + conversation.channelAddressIdentifier()
					+ ": nothing can be sent to them until they opt in again (e.g. by sending START, or an agent's "
					+ "opt-in).");
		}
	}

}
