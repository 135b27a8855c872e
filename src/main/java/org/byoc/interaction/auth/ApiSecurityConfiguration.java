package org.byoc.interaction.auth;

import javax.sql.DataSource;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

import org.byoc.interaction.auth.http.InteractionApiAuthorizationManager;
import org.byoc.interaction.auth.http.InteractionApiRefusalHandler;
import org.byoc.interaction.auth.http.OrgBearerTokenResolver;
import org.byoc.interaction.auth.http.RestApiRefusalHandler;
import org.byoc.interaction.auth.http.ServerPortRequestMatcher;
import org.byoc.interaction.auth.token.AccessTokenAuthentication;
import org.byoc.interaction.auth.token.AccessTokens;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.setup.cluster.ClusterMode;
import org.byoc.interaction.web.ErrorResponses;

/**
 * The partner API port's filter chains, chosen by the port a request arrived on and then by path:
 * <ul>
 * <li>{@code /api/v1/**}: the OAuth2 resource server with the access-token decoder, then the contract's checks in
 * the vendor's order ({@link InteractionApiAuthorizationManager}), then the per-org rate limit, which so only counts
 * requests whose org a verified token proved;</li>
 * <li>{@code /services/data/**} (the vendor's REST API, which the npm Pub/Sub client calls with only
 * {@code Authorization: Bearer <orgId>!<JWT>}): the same resource server, refusals in that API's own shape;</li>
 * <li>everything else on the port (token endpoint, userinfo, signed file links, API docs): open, but with the same
 * headers.</li>
 * </ul>
 * A last chain refuses whatever matched no port (a request in the moment before a server reported its port).
 * CSRF is off on this port: no browser session exists here, and reading a CSRF parameter would make the container
 * parse a multipart body before authentication. Spring Security's default headers apply to every answer:
 * {@code X-Content-Type-Options: nosniff}, {@code Cache-Control: no-store}, {@code X-Frame-Options: DENY}, and
 * {@code Strict-Transport-Security} when the request came over TLS.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class ApiSecurityConfiguration {

	static final String INTERACTION_API = "/api/v1/**";

	static final String REST_API = "/services/data/**";

	@Bean
	@Order(2)
	SecurityFilterChain interactionApiChain(HttpSecurity http, ServerPortRequestMatcher apiPort,
			AccessTokens accessTokens, SetupDirectory directory, ErrorResponses errors, RateLimitProperties rateLimit,
			DataSource dataSource, ClusterMode cluster) throws Exception {
		InteractionApiRefusalHandler refusals = new InteractionApiRefusalHandler(errors);
		statelessApi(http).securityMatcher(new AndRequestMatcher(apiPort, path(INTERACTION_API)))
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR,
					DispatcherType.ASYNC)
				.permitAll()
				.anyRequest()
				.access(new InteractionApiAuthorizationManager(directory)));
		accessTokenResourceServer(http, accessTokens, refusals, refusals);
		if (rateLimit.enabled()) {
			// requests-per-second=0 switches the limit off
			boolean shared = (rateLimit.shared() != null) ? rateLimit.shared() : cluster.multiNode();
			OrgRateLimit limiter = shared
					? new ClusterOrgRateLimiter(dataSource, rateLimit.requestsPerSecond(), rateLimit.effectiveBurst())
					: new OrgRateLimiter(rateLimit.requestsPerSecond(), rateLimit.effectiveBurst(), System::nanoTime);
			http.addFilterAfter(new ApiRateLimitFilter(limiter, errors), AuthorizationFilter.class);
		}
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain restApiChain(HttpSecurity http, ServerPortRequestMatcher apiPort, AccessTokens accessTokens)
			throws Exception {
		RestApiRefusalHandler refusals = new RestApiRefusalHandler();
		statelessApi(http).securityMatcher(new AndRequestMatcher(apiPort, path(REST_API)))
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR,
					DispatcherType.ASYNC)
				.permitAll()
				.anyRequest()
				.hasAuthority(AccessTokenAuthentication.INTERACTION_API));
		accessTokenResourceServer(http, accessTokens, refusals, refusals);
		return http.build();
	}

	@Bean
	@Order(4)
	SecurityFilterChain apiPortChain(HttpSecurity http, ServerPortRequestMatcher apiPort) throws Exception {
		statelessApi(http).securityMatcher(apiPort)
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		return http.build();
	}

	@Bean
	@Order(Integer.MAX_VALUE)
	SecurityFilterChain unknownPortChain(HttpSecurity http, ErrorResponses errors) throws Exception {
		statelessApi(http).securityMatcher(AnyRequestMatcher.INSTANCE)
			.authorizeHttpRequests((requests) -> requests.anyRequest().denyAll())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint((request, response, reason) -> errors
				.write(response, ErrorCode.SERVICE_UNAVAILABLE.exception("The service is starting. Retry."))));
		return http.build();
	}

	private static HttpSecurity statelessApi(HttpSecurity http) throws Exception {
		return http.csrf(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
	}

	/**
	 * The access token as the bearer (its {@code orgId!} prefix resolved by {@link OrgBearerTokenResolver}), its
	 * refusals in the chain's own shape.
	 */
	private static void accessTokenResourceServer(HttpSecurity http, AccessTokens accessTokens,
			AuthenticationEntryPoint entryPoint, AccessDeniedHandler deniedHandler) throws Exception {
		http.oauth2ResourceServer((server) -> server.bearerTokenResolver(new OrgBearerTokenResolver())
			.authenticationEntryPoint(entryPoint)
			.accessDeniedHandler(deniedHandler)
			.jwt((jwt) -> jwt.authenticationManager(accessTokens.authenticationManager())))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(deniedHandler));
	}

	static PathPatternRequestMatcher path(String pattern) {
		return PathPatternRequestMatcher.withDefaults().matcher(pattern);
	}

}
