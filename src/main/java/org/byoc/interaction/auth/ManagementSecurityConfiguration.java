package org.byoc.interaction.auth;

import java.util.LinkedHashMap;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import org.byoc.interaction.auth.admin.AdminTokens;
import org.byoc.interaction.auth.http.AdminRefusalHandler;
import org.byoc.interaction.auth.http.ConsoleRefusalHandler;
import org.byoc.interaction.auth.http.ConsoleSession;
import org.byoc.interaction.auth.http.ServerPortRequestMatcher;
import org.byoc.interaction.web.ConsolePage;
import org.byoc.interaction.web.ErrorResponses;

/**
 * The management port's filter chain (port 7080: actuator, admin API, agent console). Secure by default: the health
 * endpoint and its probe groups, the console's sign-in page and its static files are open; every other path, however
 * new, needs an admin token, checked by the OAuth2 resource server with the admin decoder. The console also takes
 * the token from its session cookie ({@link ConsoleSession}, console paths only) and, being a browser application,
 * gets CSRF protection on every unsafe request (forms carry the token as a hidden field, htmx sends it as a header;
 * the sign-in form too, against login CSRF). Signing out clears the cookie and refuses its token from then on.
 * Headers: Spring Security's defaults (nosniff, no-store, {@code X-Frame-Options: DENY}, HSTS over TLS) plus
 * {@code Content-Security-Policy: frame-ancestors 'none'}, so no other site can frame the console.
 */
@Configuration(proxyBeanMethods = false)
class ManagementSecurityConfiguration {

	static final String CSRF_COOKIE = "XSRF-TOKEN";

	@Bean
	@Order(1)
	SecurityFilterChain managementChain(HttpSecurity http, ServerPortRequestMatcher managementPort,
			AdminTokens adminTokens, ErrorResponses errors) throws Exception {
		AdminRefusalHandler admin = new AdminRefusalHandler(errors, adminTokens::keyProblem);
		ConsoleRefusalHandler console = new ConsoleRefusalHandler(errors, admin);
		AuthenticationEntryPoint entryPoint = entryPoint(console, admin);
		AccessDeniedHandler deniedHandler = deniedHandler(console, admin);

		AuthenticationFilter cookieSession = new AuthenticationFilter(adminTokens.authenticationManager(),
				new ConsoleSession());
		cookieSession.setRequestMatcher(new AndRequestMatcher(ConsoleSession.PATHS, new NegatedRequestMatcher(open())));
		cookieSession.setSuccessHandler((request, response, authentication) -> {
			// the request goes on as the admin the cookie proved
		});
		cookieSession.setFailureHandler(new AuthenticationEntryPointFailureHandler(console));

		CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
		csrfTokens.setCookiePath(ConsolePage.PATH);
		csrfTokens.setCookieCustomizer((cookie) -> cookie.sameSite("Strict"));

		http.securityMatcher(managementPort)
			.authorizeHttpRequests((requests) -> requests
				.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
				.permitAll()
				.requestMatchers(EndpointRequest.to(HealthEndpoint.class), open())
				.permitAll()
				.anyRequest()
				.hasAuthority(AdminTokens.AUTHORITY))
			.oauth2ResourceServer((server) -> server.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(deniedHandler)
				.jwt((jwt) -> jwt.authenticationManager(adminTokens.authenticationManager())))
			.addFilterAfter(cookieSession, BearerTokenAuthenticationFilter.class)
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens)
				.requireCsrfProtectionMatcher(new AndRequestMatcher(ConsoleSession.PATHS, unsafeMethod())))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(deniedHandler))
			.logout((logout) -> logout
				.logoutRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST,
						ConsoleSession.SIGN_OUT))
				.addLogoutHandler((request, response, authentication) -> signOut(adminTokens, request, response))
				.logoutSuccessUrl(ConsoleSession.SIGN_IN))
			.requestCache((cache) -> cache.disable())
			// no HTTP session: the console's session is its cookie, checked on every request; and session
			// management's CSRF strategy would replace the token on each of those checks, failing the page's forms
			.sessionManagement(AbstractHttpConfigurer::disable)
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives("frame-ancestors 'none'")));
		return http.build();
	}

	/**
	 * The logout filter runs before the cookie's authentication, so the cookie's token is authenticated here to know
	 * what to refuse from now on; a stale cookie is simply cleared.
	 */
	private static void signOut(AdminTokens adminTokens, HttpServletRequest request, HttpServletResponse response) {
		String token = ConsoleSession.token(request);
		if (token == null) {
			return;
		}
		response.addHeader(HttpHeaders.SET_COOKIE, ConsoleSession.cleared(request.isSecure()).toString());
		try {
			adminTokens.revoke(adminTokens.authenticate(token));
		}
		catch (AuthenticationException stale) {
			// nothing left to refuse: the token no longer works anyway
		}
	}

	/** The console paths anyone may reach: the sign-in page (GET and its form's POST) and the static files. */
	private static RequestMatcher open() {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		return new OrRequestMatcher(paths.matcher(ConsoleSession.SIGN_IN),
				paths.matcher(ConsolePage.PATH + "/assets/**"), paths.matcher(ConsolePage.PATH + "/webjars/**"));
	}

	private static RequestMatcher unsafeMethod() {
		return (request) -> !(HttpMethod.GET.matches(request.getMethod())
				|| HttpMethod.HEAD.matches(request.getMethod()) || HttpMethod.OPTIONS.matches(request.getMethod())
				|| HttpMethod.TRACE.matches(request.getMethod()));
	}

	private static AuthenticationEntryPoint entryPoint(ConsoleRefusalHandler console, AdminRefusalHandler admin) {
		LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> entryPoints = new LinkedHashMap<>();
		entryPoints.put(ConsoleSession.PATHS, console);
		DelegatingAuthenticationEntryPoint delegating = new DelegatingAuthenticationEntryPoint(entryPoints);
		delegating.setDefaultEntryPoint(admin);
		return delegating;
	}

	private static AccessDeniedHandler deniedHandler(ConsoleRefusalHandler console, AdminRefusalHandler admin) {
		LinkedHashMap<RequestMatcher, AccessDeniedHandler> handlers = new LinkedHashMap<>();
		handlers.put(ConsoleSession.PATHS, console);
		return new RequestMatcherDelegatingAccessDeniedHandler(handlers, admin);
	}

}
