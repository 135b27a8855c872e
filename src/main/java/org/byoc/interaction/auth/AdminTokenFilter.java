package org.byoc.interaction.auth;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import org.byoc.interaction.web.ErrorResponses;
import org.byoc.interaction.web.InteractionApiException;

/**
 * Guards the whole management port: everything but the health endpoint (and its probe groups) needs an admin
 * token. Secure by default, so a newly exposed actuator endpoint or admin controller is never open by accident.
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
		if (isPublic(request)) {
			chain.doFilter(request, response);
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

	/** Decoded and normalised by the container, unlike the raw request URI, so "health/../prometheus" is no bypass. */
	private boolean isPublic(HttpServletRequest request) {
		String path = request.getServletPath() + (request.getPathInfo() != null ? request.getPathInfo() : "");
		return path.equals(this.healthPath) || path.startsWith(this.healthPath + "/");
	}

}
