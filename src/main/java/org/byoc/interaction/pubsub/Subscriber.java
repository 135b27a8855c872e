package org.byoc.interaction.pubsub;

/** Who a Pub/Sub call speaks for, as its access token proves: the org (as configured, and its 15-char key), the user. */
record Subscriber(String orgId, String orgKey, String userId) {
}
