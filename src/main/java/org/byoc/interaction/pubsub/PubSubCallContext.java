package org.byoc.interaction.pubsub;

import io.grpc.Context;

/** What the auth interceptor hands to the service for one call: the subscriber and the call's rpc id. */
final class PubSubCallContext {

	static final Context.Key<Subscriber> SUBSCRIBER = Context.key("interactionservice.pubsub.subscriber");

	static final Context.Key<String> RPC_ID = Context.key("interactionservice.pubsub.rpc-id");

	private PubSubCallContext() {
	}

}
