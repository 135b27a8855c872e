package org.byoc.interaction.pubsub;

import io.grpc.Metadata;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.grpc.server.security.GrpcAuthenticationExtractor;
import org.springframework.grpc.server.security.GrpcSecurity;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import org.byoc.interaction.auth.token.AccessTokens;

/**
 * Spring gRPC's security on the Pub/Sub face: every {@code eventbus.v1.PubSub} method needs a Pub/Sub session
 * ({@code accesstoken}, {@code instanceurl}, {@code tenantid} metadata) whose token the access-token authentication
 * manager, the one the HTTP API uses, accepts; health and reflection stay open (no org data). The interceptors MUST
 * be {@code @GlobalServerInterceptor} beans: Spring gRPC applies no other, and a security interceptor that is not
 * applied leaves every call open.
 */
@Configuration(proxyBeanMethods = false)
class PubSubSecurityConfiguration {

	static final Metadata.Key<String> ACCESS_TOKEN = Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER);

	@Bean
	@GlobalServerInterceptor
	AuthenticationProcessInterceptor pubSubSecurityInterceptor(GrpcSecurity grpc, AccessTokens accessTokens)
			throws Exception {
		return grpc.authenticationManager(accessTokens.authenticationManager())
			.authenticationExtractor(pubSubSession())
			.authorizeRequests((calls) -> calls.methods(PubSubService.SERVICE_NAME + "/*")
				.access(new PubSubAuthorizationManager())
				.allRequests()
				.permitAll())
			.build();
	}

	@Bean
	@GlobalServerInterceptor
	PubSubCallContextInterceptor pubSubCallContextInterceptor() {
		return new PubSubCallContextInterceptor();
	}

	@Bean
	GrpcExceptionHandler pubSubAuthExceptionHandler() {
		return new PubSubAuthExceptionHandler();
	}

	/** The vendor's session token (gRPC lowercases metadata names, so camelCase clients arrive the same). */
	private static GrpcAuthenticationExtractor pubSubSession() {
		return (headers, attributes, method) -> {
			if (!PubSubService.SERVICE_NAME.equals(method.getServiceName())) {
				return null;
			}
			String token = headers.get(ACCESS_TOKEN);
			return (token == null || token.isBlank()) ? null : new BearerTokenAuthenticationToken(token.trim());
		};
	}

}
