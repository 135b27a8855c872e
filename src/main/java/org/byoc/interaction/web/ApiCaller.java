package org.byoc.interaction.web;

/**
 * Who is calling the Interaction API, as the API security established it: the token's org (as configured, and its
 * 15-character key), user and connected app, and the channel named by {@code AuthorizationContext}, which the
 * security has checked belongs to that app. Controllers take it as a parameter (see {@link ApiCallerResolver}).
 */
public record ApiCaller(String orgId, String orgKey, String userId, String username, String consumerKey,
		String authorizationContext) {

	/** The request attribute the API security stores the caller under. */
	public static final String REQUEST_ATTRIBUTE = ApiCaller.class.getName();

}
