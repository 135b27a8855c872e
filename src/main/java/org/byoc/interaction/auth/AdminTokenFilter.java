package org.byoc.interaction.auth;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;

import org.byoc.interaction.web.ConsolePage;
import org.byoc.interaction.web.ErrorCode;
import org.byoc.interaction.web.ErrorResponses;
import org.byoc.interaction.web.InteractionApiException;

/**
 * Guards the whole management port: everything but the health endpoint (and its probe groups) needs an admin
 * token. Secure by default, so a newly exposed actuator endpoint or admin controller is never open by accident.
 * <p>
 * The agent console ({@code /console/**}) also takes the token from its sign-in cookie; its sign-in page and static
 * files are open. A browser without a valid session is sent to the sign-in page instead of getting JSON.
 */
final class AdminTokenFilter extends OncePerRequestFilter {

	private final AdminTokenVerifier verifier;

	private final ErrorResponses errors;

	private final String healthPath;

	AdminTokenFilter(AdminTokenVerifier verifier, ErrorResponses errors, String healthPath) {
		this.verifier = verifier;
		this.errors = errors;
		this.healthPath = healthPath;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = pathOf(request);
		if (isPublic(path)) {
			chain.doFilter(request, response);
			return;
		}
		if (isConsole(path)) {
			console(request, response, chain);
			return;
		}
		try {
			this.verifier.verify(request.getHeader(HttpHeaders.AUTHORIZATION));
		}
		catch (InteractionApiException ex) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"admin\"");
			this.errors.write(response, ex);
			return;
		}
		chain.doFilter(request, response);
	}

	private void console(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// SameSite=Strict keeps the cookie off other sites' requests; refusing them outright is the second lock
		if (!isSafe(request) && "cross-site".equals(request.getHeader("Sec-Fetch-Site"))) {
			this.errors.write(response,
					ErrorCode.ADMIN_TOKEN_INVALID.exception("The console does not accept requests from other sites."));
			return;
		}
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		String cookie = ConsoleSignInController.token(request);
		try {
			this.verifier.verify((header != null || cookie == null) ? header : "Bearer " + cookie);
		}
		catch (InteractionApiException ex) {
			if (cookie != null) {
				response.addHeader(HttpHeaders.SET_COOKIE, ConsoleSignInController.cleared(request.isSecure()).toString());
			}
			if (request.getHeader("HX-Request") != null) {
				// htmx follows this header with a full page load
				response.setHeader("HX-Redirect", ConsoleSignInController.SIGN_IN);
				response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			}
			else if (HttpMethod.GET.matches(request.getMethod()) && accepts(request, "text/html")) {
				response.setStatus(HttpServletResponse.SC_SEE_OTHER);
				response.setHeader(HttpHeaders.LOCATION, ConsoleSignInController.SIGN_IN);
			}
			else {
				this.errors.write(response, ex);
			}
			return;
		}
		chain.doFilter(request, response);
	}

	/** Decoded and normalised by the container, unlike the raw request URI, so "health/../prometheus" is no bypass. */
	private static String pathOf(HttpServletRequest request) {
		return request.getServletPath() + (request.getPathInfo() != null ? request.getPathInfo() : "");
	}

	private boolean isPublic(String path) {
		return path.equals(this.healthPath) || path.startsWith(this.healthPath + "/")
				|| path.equals(ConsoleSignInController.SIGN_IN) || path.equals(ConsoleSignInController.SIGN_OUT)
				|| path.startsWith(ConsolePage.PATH + "/assets/") || path.startsWith(ConsolePage.PATH + "/webjars/");
	}

	private static boolean isConsole(String path) {
		return path.equals(ConsolePage.PATH) || path.startsWith(ConsolePage.PATH + "/");
	}

	private static boolean isSafe(HttpServletRequest request) {
		return HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
	}

	private static boolean accepts(HttpServletRequest request, String type) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return accept != null && accept.contains(type);
	}

}
