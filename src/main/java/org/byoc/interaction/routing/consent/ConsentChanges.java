package org.byoc.interaction.routing.consent;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.EndUserEntryRecorded;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.conversation.message.AbstractMessage;
import org.byoc.interaction.outbound.OutboundEvents.PublishedEvent;
import org.byoc.interaction.outbound.OutboundEvents;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.ConsentKeywords;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * Consent changes the contact center makes, each reported to the partner as an {@code EndUserConsentUpdated} entry
 * (contract §D.5) in the transaction that stores it:
 * <ul>
 * <li>an end user's keyword (STOP, START, ... see {@link ConsentKeywords}) on a channel whose consent the contact
 * center owns and that handles keywords: the change, a confirmation Message ({@code messageReason: Consent}) and the
 * event with {@code isEndUserInitiated: true} and both entries' ids;</li>
 * <li>an agent's (or an admin's) opt-out or opt-in: the event with {@code isEndUserInitiated: false}.</li>
 * </ul>
 * Only a real change is reported: a STOP from an end user who is opted out already (or a START from one who is not)
 * changes nothing, records nothing but the end user's message and sends nothing, as a carrier does not confirm twice.
 * An opt-in is stored as ExplicitlyOptedIn, an opt-out as OptedOut.
 */
@Service
public class ConsentChanges {

	private static final String SYSTEM_APP_TYPE = "conversation";

	private final ConsentRepository repository;

	private final Conversations conversations;

	private final OutboundEvents outbound;

	private final SetupDirectory setup;

	private final JsonMapper json;

	ConsentChanges(ConsentRepository repository, Conversations conversations, OutboundEvents outbound,
			SetupDirectory setup, JsonMapper json) {
		this.json = json;
		this.repository = repository;
		this.conversations = conversations;
		this.outbound = outbound;
		this.setup = setup;
	}

	/** An end user's text message that is one of the channel's consent keywords changes their consent. */
	@EventListener
	void onEndUserEntry(EndUserEntryRecorded recorded) {
		if (!"Message".equals(recorded.entry().entryType())) {
			return;
		}
		Optional<Channel> channel = this.setup.channel(recorded.orgId(), recorded.channelDeveloperName());
		if (channel.isEmpty() || !channel.get().handlesConsentKeywords()) {
			return;
		}
		JsonNode content = this.json.readTree(recorded.entry().payloadJson()).path("abstractMessage").path("staticContent");
		if (!"Text".equals(content.path("formatType").asString(""))) {
			return;
		}
		Optional<ConsentKeywords.Request> request = channel.get().consentKeywords().match(content.path("text").asString(null));
		if (request.isEmpty()) {
			return;
		}
		Conversation conversation = recorded.conversation();
		boolean optOut = request.get() == ConsentKeywords.Request.OptOut;
		if (!change(conversation, optOut)) {
			return;
		}
		Participant system = new Participant(SYSTEM_APP_TYPE, conversation.conversationIdentifier(), "System");
		String reply = optOut ? channel.get().consentKeywords().optOutReply()
				: channel.get().consentKeywords().optInReply();
		String confirmationId = UUID.randomUUID().toString();
		ObjectNode message = JsonNodeFactory.instance.objectNode();
		message.put("entryType", "Message");
		message.put("id", confirmationId);
		message.set("abstractMessage", AbstractMessage.staticText(confirmationId, reply).tree());
		message.put("messageReason", "Consent");
		record(channel.get(), conversation, system, null, message);
		ObjectNode updated = consentUpdated(conversation, true, optOut);
		updated.put("initiatingConversationEntryIdentifier", recorded.entry().entryId());
		updated.put("confirmationConversationEntryIdentifier", confirmationId);
		record(channel.get(), conversation, system, null, updated);
	}

	/**
	 * An agent opts the end user out ({@code optOut}) or back in. Nothing is reported when nothing changes (the end
	 * user already was where the agent puts them).
	 */
	@Transactional
	public Changed changeByAgent(Conversation conversation, Participant agent, String agentDisplayName,
			boolean optOut) {
		Channel channel = this.setup.channel(conversation.orgKey(), conversation.channelDeveloperName()).orElseThrow();
		if (!change(conversation, optOut)) {
			return new Changed(false, null, null);
		}
		ObjectNode updated = consentUpdated(conversation, false, optOut);
		PublishedEvent event = record(channel, conversation, agent, agentDisplayName, updated);
		return new Changed(true, updated.get("id").asString(), event.eventId());
	}

	private boolean change(Conversation conversation, boolean optOut) {
		String orgKey = OrgIds.key(conversation.orgKey());
		return optOut
				? this.repository.optOut(orgKey, conversation.channelAddressIdentifier(), conversation.endUserClientId())
				: this.repository.optIn(orgKey, conversation.channelAddressIdentifier(),
						conversation.endUserClientId());
	}

	private static ObjectNode consentUpdated(Conversation conversation, boolean endUserInitiated, boolean optOut) {
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.put("entryType", "EndUserConsentUpdated");
		payload.put("id", UUID.randomUUID().toString());
		payload.put("consentStatus", optOut ? "OptOut" : "OptIn");
		payload.put("endUserSubject", conversation.endUserClientId());
		payload.put("isEndUserInitiated", endUserInitiated);
		return payload;
	}

	/** A transcript entry for the agents, and the Interaction event that tells the partner. */
	private PublishedEvent record(Channel channel, Conversation conversation, Participant sender, String displayName,
			ObjectNode payload) {
		long now = Instant.now().toEpochMilli();
		String id = payload.get("id").asString();
		TranscriptEntry entry = new TranscriptEntry(conversation.conversationIdentifier(), id,
				conversation.currentSessionId(), payload.get("entryType").asString(), sender, displayName, now, now,
				this.json.writeValueAsString(payload), null, null);
		this.conversations.record(conversation.orgKey(), entry, id);
		return this.outbound.publishInteraction(channel, conversation.conversationIdentifier(),
				conversation.channelAddressIdentifier(), Participant.endUser(conversation.endUserClientId()),
				entry.toConversationEntry());
	}

	/** Whether the consent changed; if so, the EndUserConsentUpdated entry's id and its event's id. */
	public record Changed(boolean changed, String entryIdentifier, String eventId) {
	}

}
