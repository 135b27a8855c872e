package org.byoc.interaction.setup;

import java.util.List;

/**
 * A connected app: the partner's OAuth client. Its certificate (PEM) verifies the JWT-bearer assertions it signs;
 * only its pre-authorized users may be the assertion's subject.
 */
public record ConnectedApp(String orgId, String consumerKey, String certificatePem, List<String> scopes,
		List<String> preAuthorizedUsers) {

	public ConnectedApp {
		scopes = List.copyOf(scopes);
		preAuthorizedUsers = List.copyOf(preAuthorizedUsers);
	}

	public boolean isPreAuthorized(String username) {
		return this.preAuthorizedUsers.stream().anyMatch((u) -> u.equalsIgnoreCase(username));
	}

}
