package org.byoc.interaction.contract;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the {@code AuthorizationContext} header names (contract §A.2): a channel definition, an embedded messaging
 * channel, or a bring-your-own-bot integration. The vendor's own examples spell the values in upper case too, so
 * the header is read without regard to case; any other value is refused with 10093.
 */
public enum AuthorizationContextType {

	ConversationChannelDefinition, EmbeddedMessagingChannel, ExternalConversationParticipant;

	public static final String HEADER = "AuthorizationContextType";

	/** The type named by a header value in any letter case, or empty. */
	public static Optional<AuthorizationContextType> parse(String value) {
		if (value == null) {
			return Optional.empty();
		}
		String trimmed = value.trim();
		return Arrays.stream(values()).filter((t) -> t.name().equalsIgnoreCase(trimmed)).findFirst();
	}

	/** True for the two channel kinds, whose AuthorizationContext is a channel's developer name. */
	public boolean namesChannel() {
		return this != ExternalConversationParticipant;
	}

}
