package org.byoc.interaction.pubsub;

import java.util.Optional;

/** Verifies the {@code accesstoken} a Pub/Sub client sends; the {@code tenantid} comparison is the caller's. */
@FunctionalInterface
interface SubscriberAuthenticator {

	/** The subscriber the token speaks for, or empty for a malformed, forged or expired token. Never throws. */
	Optional<Subscriber> authenticate(String accessToken);

}
