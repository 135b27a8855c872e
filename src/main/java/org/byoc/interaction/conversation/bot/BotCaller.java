package org.byoc.interaction.conversation.bot;

/**
 * A bring-your-own-bot caller, as its controller established it from the API caller: the org (as configured, and
 * its 15-character key) and the bot integration its AuthorizationContext names.
 */
public record BotCaller(String orgId, String orgKey, String integration) {

}
