package org.byoc.interaction.pubsub;

import java.util.Optional;

import org.byoc.interaction.auth.AccessTokenVerifier;

/**
 * Pub/Sub clients send the same access tokens the partner API takes ({@code <orgId15>!<JWT>} from the token
 * endpoint), so the subscriber is whoever the auth module's verifier says the token speaks for.
 */
final class AccessTokenSubscribers implements SubscriberAuthenticator {

	private final AccessTokenVerifier verifier;

	AccessTokenSubscribers(AccessTokenVerifier verifier) {
		this.verifier = verifier;
	}

	@Override
	public Optional<Subscriber> authenticate(String accessToken) {
		return this.verifier.verify(accessToken)
			.map((principal) -> new Subscriber(principal.orgId(), principal.orgKey(), principal.userId()));
	}

}
