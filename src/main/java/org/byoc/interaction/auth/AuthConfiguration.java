package org.byoc.interaction.auth;

import java.nio.file.Path;
import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.web.ErrorResponses;

/** Wires the auth module: token keys, issuer, verifier, the JWT-bearer grant and the API security filter. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

	/** The API path the security filter guards; the token endpoint, API docs and Swagger UI stay open. */
	static final String API_PATTERN = "/api/v1/*";

	/** Right after {@code web.RequestIdFilter} (highest precedence), so refusals already echo the RequestId. */
	static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

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
	AccessTokenVerifier accessTokenVerifier(AccessTokenKeys keys) {
		return new AccessTokenVerifier(keys, Clock.systemUTC());
	}

	@Bean
	ServiceUrls serviceUrls(Environment environment, AuthProperties properties) {
		return new ServiceUrls(environment, properties.audiences());
	}

	@Bean
	JwtBearerGrant jwtBearerGrant(SetupDirectory directory, ServiceUrls urls) {
		return new JwtBearerGrant(directory, urls, Clock.systemUTC());
	}

	@Bean
	FilterRegistrationBean<ApiSecurityFilter> apiSecurityFilter(AccessTokenVerifier verifier,
			SetupDirectory directory, ErrorResponses errors) {
		FilterRegistrationBean<ApiSecurityFilter> registration = new FilterRegistrationBean<>(
				new ApiSecurityFilter(verifier, directory, errors));
		registration.addUrlPatterns(API_PATTERN);
		registration.setOrder(FILTER_ORDER);
		registration.setName("apiSecurityFilter");
		return registration;
	}

	/** Right behind the security filter, so it only counts requests whose org is proven by a verified token. */
	@Bean
	FilterRegistrationBean<ApiRateLimitFilter> apiRateLimitFilter(RateLimitProperties properties,
			ErrorResponses errors) {
		// requests-per-second=0: the filter is registered but switched off
		OrgRateLimiter limiter = new OrgRateLimiter(Math.max(1, properties.requestsPerSecond()),
				Math.max(1, properties.effectiveBurst()), System::nanoTime);
		FilterRegistrationBean<ApiRateLimitFilter> registration = new FilterRegistrationBean<>(
				new ApiRateLimitFilter(limiter, errors));
		registration.addUrlPatterns(API_PATTERN);
		registration.setOrder(FILTER_ORDER + 1);
		registration.setName("apiRateLimitFilter");
		registration.setEnabled(properties.enabled());
		return registration;
	}

}
