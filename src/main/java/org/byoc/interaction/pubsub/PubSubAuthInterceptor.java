package org.byoc.interaction.pubsub;

import java.util.Optional;
import java.util.UUID;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Session-token authentication as the vendor's Pub/Sub API does it: metadata {@code accesstoken},
 * {@code instanceurl} and {@code tenantid} (gRPC lowercases header names, so camelCase clients arrive the same),
 * the tenant compared with the token's org by its first 15 characters. Anything missing or wrong ends the call
 * with UNAUTHENTICATED and the vendor's {@code error-code} trailer before the service sees it.
 */
final class PubSubAuthInterceptor implements ServerInterceptor {

	static final Metadata.Key<String> ACCESS_TOKEN = Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER);

	static final Metadata.Key<String> INSTANCE_URL = Metadata.Key.of("instanceurl", Metadata.ASCII_STRING_MARSHALLER);

	static final Metadata.Key<String> TENANT_ID = Metadata.Key.of("tenantid", Metadata.ASCII_STRING_MARSHALLER);

	private final SubscriberAuthenticator authenticator;

	PubSubAuthInterceptor(SubscriberAuthenticator authenticator) {
		this.authenticator = authenticator;
	}

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		if (!PubSubService.SERVICE_NAME.equals(call.getMethodDescriptor().getServiceName())) {
			// health and reflection stay open, as on any gRPC server; they expose no org data
			return next.startCall(call, headers);
		}
		String rpcId = UUID.randomUUID().toString();
		Optional<Subscriber> subscriber = authenticate(headers);
		if (subscriber.isEmpty()) {
			call.close(Status.UNAUTHENTICATED.withDescription(PubSubErrors.AUTH_MESSAGE + " rpcId: " + rpcId),
					PubSubErrors.trailers(PubSubErrors.AUTH_ERROR, rpcId));
			return new ServerCall.Listener<>() {
			};
		}
		Context context = Context.current()
			.withValue(PubSubCallContext.SUBSCRIBER, subscriber.get())
			.withValue(PubSubCallContext.RPC_ID, rpcId);
		return Contexts.interceptCall(context, call, headers, next);
	}

	private Optional<Subscriber> authenticate(Metadata headers) {
		String token = headers.get(ACCESS_TOKEN);
		String tenantId = headers.get(TENANT_ID);
		String instanceUrl = headers.get(INSTANCE_URL);
		if (isBlank(token) || isBlank(tenantId) || isBlank(instanceUrl) || tenantId.length() < 15) {
			return Optional.empty();
		}
		Optional<Subscriber> subscriber;
		try {
			subscriber = this.authenticator.authenticate(token.trim());
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
		return subscriber.filter((s) -> s.orgKey().equals(tenantId.trim().substring(0, 15)));
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
