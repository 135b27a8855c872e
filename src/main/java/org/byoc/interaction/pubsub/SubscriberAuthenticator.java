package org.byoc.interaction.pubsub;

import java.util.Optional;

/**
 * Verifies the {@code accesstoken} a Pub/Sub client sends. Bind it to the auth module's access-token verifier; the
 * {@code tenantid} comparison is done by the caller.
 */
@FunctionalInterface
public interface SubscriberAuthenticator {

	/** The subscriber the token speaks for, or empty for a malformed, forged or expired token. Never throws. */
	Optional<Subscriber> authenticate(String accessToken);

}
