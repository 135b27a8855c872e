package org.byoc.interaction.setup;

import java.util.List;
import java.util.Optional;

/**
 * A bring-your-own-bot integration (the vendor's ExtConvParticipantIntegDef). Its developer name is the value an
 * external bot's middleware sends as {@code AuthorizationContext}, with
 * {@code AuthorizationContextType: ExternalConversationParticipant}; only the bound connected app may use it. Its
 * bots may take part only in conversations of the listed channels.
 *
 * @param channels developer names of the channels whose conversations the integration's bots may join
 */
public record BotIntegration(String orgId, String developerName, String connectedApp, List<String> channels,
		List<Bot> bots) {

	public BotIntegration {
		channels = List.copyOf(channels);
		bots = List.copyOf(bots);
	}

	public Optional<Bot> bot(String botId) {
		return this.bots.stream().filter((b) -> b.id().equals(botId)).findFirst();
	}

	public boolean allowsChannel(String channelDeveloperName) {
		return this.channels.contains(channelDeveloperName);
	}

	/** An external bot: its id as the bot's middleware names it, a display name, and whether it may act. */
	public record Bot(String id, String name, boolean active) {
	}

}
