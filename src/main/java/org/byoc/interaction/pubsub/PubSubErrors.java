package org.byoc.interaction.pubsub;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Errors the way the vendor sends them: a gRPC status whose description ends with {@code rpcId: <uuid>}, and the
 * trailers {@code error-code} and {@code rpc-id}. Codes without a documented vendor value use the vendor's prefix
 * and say what happened.
 */
final class PubSubErrors {

	static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);

	static final Metadata.Key<String> RPC_ID = Metadata.Key.of("rpc-id", Metadata.ASCII_STRING_MARSHALLER);

	static final String AUTH_ERROR = "sfdc.platform.eventbus.grpc.service.auth.error";

	static final String AUTH_MESSAGE = "An authentication exception occurred. Provide valid authentication via metadata headers.";

	static final String REPLAY_ID_CORRUPTED = "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted";

	static final String TOPIC_NOT_FOUND = "sfdc.platform.eventbus.grpc.subscription.topic.notfound";

	static final String SCHEMA_NOT_FOUND = "sfdc.platform.eventbus.grpc.schema.notfound";

	static final String INVALID_REQUEST = "sfdc.platform.eventbus.grpc.request.invalid";

	static final String SERVICE_UNAVAILABLE = "sfdc.platform.eventbus.grpc.service.unavailable";

	/** ManagedSubscribe named a subscription the org does not have (ours: no vendor value is documented). */
	static final String MANAGED_SUBSCRIPTION_NOT_FOUND = "sfdc.platform.eventbus.grpc.subscription.managed.notfound";

	/** ManagedSubscribe named a subscription in state STOP (ours: no vendor value is documented). */
	static final String MANAGED_SUBSCRIPTION_STOPPED = "sfdc.platform.eventbus.grpc.subscription.managed.stopped";

	/**
	 * The org's state was reset or restored (admin API {@code /admin/api/orgs/{orgId}/reset}, {@code .../restore}):
	 * an open stream of the org ends with ABORTED, a replay id from before with INVALID_ARGUMENT; subscribe again with
	 * EARLIEST or LATEST (ours: no vendor value is documented).
	 */
	static final String ORG_RESET = "sfdc.platform.eventbus.grpc.subscription.org.reset";

	private PubSubErrors() {
	}

	static StatusRuntimeException error(Status status, String errorCode, String message, String rpcId) {
		return status.withDescription(message + " rpcId: " + rpcId).asRuntimeException(trailers(errorCode, rpcId));
	}

	static Metadata trailers(String errorCode, String rpcId) {
		Metadata trailers = new Metadata();
		trailers.put(ERROR_CODE, errorCode);
		trailers.put(RPC_ID, rpcId);
		return trailers;
	}

	static StatusRuntimeException topicNotFound(String topicName, String rpcId) {
		// the same answer for a topic that does not exist and one of another org: neither is visible
		return error(Status.NOT_FOUND, TOPIC_NOT_FOUND, "Topic not found: " + topicName + ".", rpcId);
	}

}
