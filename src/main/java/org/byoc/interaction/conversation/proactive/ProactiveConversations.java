package org.byoc.interaction.conversation.proactive;

import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;
import org.byoc.interaction.conversation.ChannelAddresses;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.ConversationEstablished;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.RoutingAttributes;
import org.byoc.interaction.conversation.inbound.InteractionRequestDecoder;
import org.byoc.interaction.conversation.message.ParticipantFields;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.SetupDirectory;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/conversation} (contract §B7): establishes the conversation of a channel address and an end
 * user before the end user wrote, so an agent can write first. Idempotent: an existing conversation's ids are
 * answered again.
 * <p>
 * Codes: {@code channelAddressIdentifier} missing, blank or longer than 240: 10052; {@code participants} missing,
 * not exactly one: 10053; its appType not {@code custom} 10037, role not {@code EndUser} 10038, subject missing or
 * longer than 255: 10054; then the address 10017 / 10031 / 10001 and routing attribute lengths 10096.
 */
@Service
public class ProactiveConversations {

	static final int MAX_ADDRESS_LENGTH = 240;

	private final SetupDirectory setup;

	private final Conversations conversations;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	ProactiveConversations(SetupDirectory setup, Conversations conversations, TransactionTemplate transactions,
			ApplicationEventPublisher events) {
		this.setup = setup;
		this.conversations = conversations;
		this.transactions = transactions;
		this.events = events;
	}

	/**
	 * @param orgId the caller's org
	 * @param channel the caller's AuthorizationContext, the channel the address must belong to
	 */
	public Established establish(String orgId, String channel, EstablishConversation request) {
		Participant endUser = request.endUser();
		Channel channelOfAddress = ChannelAddresses.channelOf(this.setup, orgId, channel,
				request.channelAddressIdentifier());
		Map<String, String> declared = RoutingAttributes.check(request.routingAttributes(),
				channelOfAddress.channelVariables());
		String newIdentifier = UUID.randomUUID().toString();
		return this.transactions.execute((status) -> {
			Conversation conversation = this.conversations.findOrCreate(orgId, channelOfAddress.developerName(),
					request.channelAddressIdentifier(), endUser.subject(), newIdentifier);
			boolean created = conversation.conversationIdentifier().equals(newIdentifier);
			this.events.publishEvent(new ConversationEstablished(orgId, channelOfAddress.developerName(),
					conversation, created, declared));
			return new Established(true, conversation.conversationIdentifier(), conversation.currentSessionId());
		});
	}

	/** The command of {@code POST /api/v1/conversation}, read with the contract's codes (see the class). */
	record EstablishConversation(String channelAddressIdentifier, Participant endUser,
			Map<String, String> routingAttributes) {

		static EstablishConversation read(JsonFields root) {
			JsonNode address = root.raw("channelAddressIdentifier");
			if (address == null || !address.isString() || address.stringValue().isBlank()
					|| address.stringValue().length() > MAX_ADDRESS_LENGTH) {
				throw ErrorCode.INVALID_CHANNEL_ADDRESS_IDENTIFIER.exception("channelAddressIdentifier is required: "
						+ "the channel address, a string of at most " + MAX_ADDRESS_LENGTH + " characters.");
			}
			JsonNode participants = root.raw("participants");
			if (participants == null || !participants.isArray() || participants.size() != 1
					|| !participants.get(0).isObject()) {
				throw ErrorCode.INVALID_OR_EMPTY_PARTICIPANT_LIST.exception("participants must hold exactly one "
						+ "participant: the end user {appType: custom, subject, role: EndUser}.");
			}
			Participant endUser = ParticipantFields.read(
					JsonFields.of(participants.get(0), "participants[0]", ErrorCode.INVALID_OR_EMPTY_PARTICIPANT_LIST));
			if (!Participant.CUSTOM.equals(endUser.appType())) {
				throw ErrorCode.INVALID_APP_TYPE
					.exception("participants[0].appType must be 'custom' for the end user.");
			}
			if (!Participant.END_USER.equals(endUser.role())) {
				throw ErrorCode.INVALID_PARTICIPANT_ROLE.exception("participants[0].role must be 'EndUser'.");
			}
			Map<String, String> attributes = InteractionRequestDecoder
				.routingAttributes(root.raw("routingAttributes"));
			return new EstablishConversation(address.stringValue(), endUser, attributes);
		}

	}

	/** The 202 answer: {@code {success, conversationIdentifier, messagingSessionId}}. */
	record Established(boolean success, String conversationIdentifier, String messagingSessionId) {
	}

}
