package org.byoc.interaction.pubsub;

import java.util.UUID;

import io.grpc.Status;
import io.grpc.StatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/**
 * Refusals of the gRPC security the vendor's way: {@code UNAUTHENTICATED}, the vendor's text ending in
 * {@code rpcId: <uuid>}, and the trailers {@code error-code: sfdc.platform.eventbus.grpc.service.auth.error} and
 * {@code rpc-id}. Ordered before Spring gRPC's own security handler, which answers without them.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class PubSubAuthExceptionHandler implements GrpcExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(PubSubAuthExceptionHandler.class);

	@Override
	public StatusException handleException(Throwable exception) {
		if (!(exception instanceof AuthenticationException) && !(exception instanceof AccessDeniedException)) {
			return null;
		}
		String rpcId = UUID.randomUUID().toString();
		log.info("Refused a Pub/Sub call (rpcId {}): {}", rpcId, exception.getMessage());
		return Status.UNAUTHENTICATED.withDescription(PubSubErrors.AUTH_MESSAGE + " rpcId: " + rpcId)
			.asException(PubSubErrors.trailers(PubSubErrors.AUTH_ERROR, rpcId));
	}

}
