package org.byoc.interaction.pubsub;

import java.net.URI;
import java.util.Locale;
import java.util.function.Supplier;

import io.grpc.Metadata;
import org.springframework.grpc.server.security.CallContext;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

import org.byoc.interaction.auth.token.AccessTokenPrincipal;

/**
 * What an authenticated access token may do on {@code eventbus.v1.PubSub}: the vendor's session metadata must
 * agree with it. {@code tenantid} names the token's org by its first 15 characters (clients send 15 or 18),
 * {@code instanceurl} is an http(s) URL (the vendor's clients send the token response's {@code instance_url}, or
 * what a user supplied, which the npm client insists is https), and the token has the {@code interaction_api} scope,
 * as on the HTTP API. Anything else is refused as the vendor refuses it (see {@link PubSubAuthExceptionHandler}).
 */
final class PubSubAuthorizationManager implements AuthorizationManager<Object> {

	static final Metadata.Key<String> INSTANCE_URL = Metadata.Key.of("instanceurl", Metadata.ASCII_STRING_MARSHALLER);

	static final Metadata.Key<String> TENANT_ID = Metadata.Key.of("tenantid", Metadata.ASCII_STRING_MARSHALLER);

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, Object call) {
		if (!(call instanceof CallContext context) || authentication.get() == null
				|| !(authentication.get().getPrincipal() instanceof AccessTokenPrincipal principal)) {
			return new AuthorizationDecision(false);
		}
		String tenantId = context.headers().get(TENANT_ID);
		boolean granted = tenantId != null && tenantId.trim().length() >= 15
				&& tenantId.trim().substring(0, 15).equals(principal.orgKey())
				&& isHttpUrl(context.headers().get(INSTANCE_URL))
				&& principal.hasScope(AccessTokenPrincipal.INTERACTION_API_SCOPE);
		return new AuthorizationDecision(granted);
	}

	private static boolean isHttpUrl(String value) {
		if (value == null || value.isBlank()) {
			return false;
		}
		try {
			URI uri = URI.create(value.trim());
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
