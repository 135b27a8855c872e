package org.byoc.interaction.pubsub;

import java.time.Instant;

/**
 * Who a Pub/Sub call speaks for, as its access token proves: the org (as configured, and its 15-char key), the user,
 * and when the token stops being valid (a Subscribe stream ends then).
 */
record Subscriber(String orgId, String orgKey, String userId, Instant expiresAt) {
}
