package org.byoc.interaction.pubsub;

import java.util.UUID;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import org.springframework.core.Ordered;
import org.springframework.grpc.server.security.GrpcSecurity;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContext;

import org.byoc.interaction.auth.token.AccessTokenPrincipal;

/**
 * Hands a Pub/Sub call what the service works with: the {@link Subscriber} Spring Security authenticated (the
 * security interceptor, which runs before this one, put its context into the gRPC context) and the call's rpc id.
 */
final class PubSubCallContextInterceptor implements ServerInterceptor, Ordered {

	@Override
	public int getOrder() {
		// inside Spring gRPC's exception handling (1) and security (2, 3)
		return GrpcSecurity.CONTEXT_FILTER_ORDER + 1;
	}

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		if (!PubSubService.SERVICE_NAME.equals(call.getMethodDescriptor().getServiceName())) {
			return next.startCall(call, headers);
		}
		SecurityContext security = GrpcSecurity.SECURITY_CONTEXT_KEY.get();
		if (security == null || security.getAuthentication() == null
				|| !(security.getAuthentication().getPrincipal() instanceof AccessTokenPrincipal principal)) {
			// the security interceptor lets no unauthenticated Pub/Sub call through; this is the belt to its braces
			throw new AuthenticationCredentialsNotFoundException("No authenticated subscriber");
		}
		Context context = Context.current()
			.withValue(PubSubCallContext.SUBSCRIBER,
					new Subscriber(principal.orgId(), principal.orgKey(), principal.userId(), principal.expiresAt()))
			.withValue(PubSubCallContext.RPC_ID, UUID.randomUUID().toString());
		return Contexts.interceptCall(context, call, headers, next);
	}

}
