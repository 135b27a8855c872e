package org.byoc.interaction.auth;

import java.nio.file.Path;
import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import org.byoc.interaction.auth.admin.AdminPublicKeys;
import org.byoc.interaction.auth.admin.AdminTokenDecoder;
import org.byoc.interaction.auth.admin.AdminTokens;
import org.byoc.interaction.auth.http.ContractRequestRejectedHandler;
import org.byoc.interaction.auth.http.ServerPortRequestMatcher;
import org.byoc.interaction.auth.token.AccessTokenDecoder;
import org.byoc.interaction.auth.token.AccessTokenIssuer;
import org.byoc.interaction.auth.token.AccessTokenKeys;
import org.byoc.interaction.auth.token.AccessTokenVerifier;
import org.byoc.interaction.auth.token.AccessTokens;
import org.byoc.interaction.auth.token.JwtBearerGrant;
import org.byoc.interaction.auth.token.RevokedTokens;
import org.byoc.interaction.auth.token.ServiceUrls;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.setup.cluster.ClusterMode;
import org.byoc.interaction.web.ErrorResponses;

/**
 * Wires the auth module: the token keys, issuer and the JWT-bearer grant, and the two resource-server decoders, each
 * handed explicitly to its own filter chain (see {@link ApiSecurityConfiguration} and
 * {@link ManagementSecurityConfiguration}) and never to the other's.
 */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

	static final String DEFAULT_ADMIN_PUBLIC_KEY = "config/admin/admin_public.pem";

	/**
	 * Spring Security observes nothing: with an observation registry present it otherwise times every filter of
	 * both chains and every authorization of every request (about a tenth of all the service's CPU samples under
	 * load, bench/results/profile.md), timers no dashboard or doc of ours uses; requests keep their
	 * {@code http.server.requests} metrics.
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	AccessTokenKeys accessTokenKeys(AuthProperties properties,
			@Value("${interactionservice.data-dir:./data}") Path dataDir) {
		Path file = (properties.tokenSigningKeyFile() != null) ? properties.tokenSigningKeyFile()
				: dataDir.resolve("keys").resolve("access-token-key.json");
		return AccessTokenKeys.loadOrCreate(file);
	}

	@Bean
	AccessTokenIssuer accessTokenIssuer(AccessTokenKeys keys, AuthProperties properties) {
		return new AccessTokenIssuer(keys, properties.tokenLifetime(), Clock.systemUTC());
	}

	@Bean
	JwtDecoder accessTokenDecoder(AccessTokenKeys keys, AuthProperties properties) {
		return new AccessTokenDecoder(keys, properties.tokenLifetime(), Clock.systemUTC());
	}

	@Bean
	AccessTokens accessTokens(JwtDecoder accessTokenDecoder) {
		return new AccessTokens(accessTokenDecoder);
	}

	@Bean
	AccessTokenVerifier accessTokenVerifier(JwtDecoder accessTokenDecoder) {
		return new AccessTokenVerifier(accessTokenDecoder);
	}

	@Bean
	AdminPublicKeys adminPublicKeys(
			@Value("${interactionservice.admin.public-key:" + DEFAULT_ADMIN_PUBLIC_KEY + "}") Path publicKey) {
		return new AdminPublicKeys(publicKey);
	}

	@Bean
	RevokedTokens revokedAdminTokens(JdbcClient jdbc, ClusterMode cluster) {
		return new RevokedTokens(Clock.systemUTC(), jdbc, cluster.multiNode());
	}

	@Bean
	JwtDecoder adminTokenDecoder(AdminPublicKeys keys, RevokedTokens revokedAdminTokens) {
		return new AdminTokenDecoder(keys, Clock.systemUTC(), revokedAdminTokens);
	}

	@Bean
	AdminTokens adminTokens(AdminPublicKeys keys, JwtDecoder adminTokenDecoder, RevokedTokens revokedAdminTokens) {
		return new AdminTokens(keys, (AdminTokenDecoder) adminTokenDecoder, revokedAdminTokens);
	}

	@Bean
	ServiceUrls serviceUrls(Environment environment, AuthProperties properties) {
		return new ServiceUrls(environment, properties.audiences());
	}

	@Bean
	JwtBearerGrant jwtBearerGrant(SetupDirectory directory, ServiceUrls urls) {
		return new JwtBearerGrant(directory, urls, Clock.systemUTC());
	}

	/** The port each request arrived on decides its filter chain. */
	@Bean
	ServerPortRequestMatcher apiPort() {
		return ServerPortRequestMatcher.apiPort();
	}

	@Bean
	ServerPortRequestMatcher managementPort() {
		return ServerPortRequestMatcher.managementPort();
	}

	/** Picked up by Spring Security for what its firewall refuses on either port. */
	@Bean
	ContractRequestRejectedHandler requestRejectedHandler(ErrorResponses errors) {
		return new ContractRequestRejectedHandler(errors);
	}

}
