package org.byoc.interaction.contract;

/**
 * Who is calling the Interaction API, as the API security established it: the token's org (as configured, and its
 * 15-character key), user and connected app, and the {@code AuthorizationContext}, which the security has checked
 * belongs to that app: a channel's developer name, or a bot integration's when the caller declared
 * {@code AuthorizationContextType: ExternalConversationParticipant}. Controllers take it as a parameter (see
 * {@link ApiCallerResolver}).
 *
 * @param authorizationContextType the declared {@code AuthorizationContextType}, or null when the header was not sent
 */
public record ApiCaller(String orgId, String orgKey, String userId, String username, String consumerKey,
		String authorizationContext, AuthorizationContextType authorizationContextType) {

	/** The request attribute the API security stores the caller under. */
	public static final String REQUEST_ATTRIBUTE = ApiCaller.class.getName();

	/** A caller that did not send {@code AuthorizationContextType}: its context is a channel. */
	public ApiCaller(String orgId, String orgKey, String userId, String username, String consumerKey,
			String authorizationContext) {
		this(orgId, orgKey, userId, username, consumerKey, authorizationContext, null);
	}

	/** True when the AuthorizationContext is a bring-your-own-bot integration rather than a channel. */
	public boolean isBotIntegration() {
		return this.authorizationContextType == AuthorizationContextType.ExternalConversationParticipant;
	}

	/**
	 * For endpoints that require the header: the declared type, refused with 10016 when it was not sent.
	 */
	public AuthorizationContextType requireAuthorizationContextType() {
		if (this.authorizationContextType == null) {
			throw ErrorCode.API_HEADER_INVALID
				.exception("The " + AuthorizationContextType.HEADER + " header is missing; this endpoint requires it.");
		}
		return this.authorizationContextType;
	}

	/**
	 * For the bring-your-own-bot endpoints: the caller's bot integration (its AuthorizationContext), refused with
	 * 10016 without the header and 10093 when the caller is a channel.
	 */
	public String requireBotIntegration() {
		if (requireAuthorizationContextType() != AuthorizationContextType.ExternalConversationParticipant) {
			throw ErrorCode.AUTHORIZATION_CONTEXT_TYPE_INVALID.exception("This endpoint is for bring-your-own-bot "
					+ "integrations: send AuthorizationContextType ExternalConversationParticipant.");
		}
		return this.authorizationContext;
	}

}
