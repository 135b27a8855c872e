package org.byoc.interaction.auth.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.util.HtmlUtils;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.InteractionApiException;
import org.byoc.interaction.web.ErrorResponses;

/**
 * The console's refusals, shaped for whoever asked. Without a valid session a browser is sent to the sign-in page
 * (303 for a page, {@code HX-Redirect} for an htmx request, JSON for anything else) and a stale session cookie is
 * cleared. A form or htmx request without the page's CSRF token gets 403; one that the browser says comes from
 * another site gets the old, plainer refusal (401, "other sites"), whatever it carries.
 */
public final class ConsoleRefusalHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

	static final String OTHER_SITES = "The console does not accept requests from other sites.";

	static final String CSRF = "The page this came from has expired or is not the console's own; reload it and "
			+ "try again.";

	private final ErrorResponses errors;

	private final AdminRefusalHandler admin;

	public ConsoleRefusalHandler(ErrorResponses errors, AdminRefusalHandler admin) {
		this.errors = errors;
		this.admin = admin;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
			throws IOException {
		if (ConsoleSession.token(request) != null) {
			response.addHeader(HttpHeaders.SET_COOKIE, ConsoleSession.cleared(request.isSecure()).toString());
		}
		if (isHtmx(request)) {
			// htmx follows this header with a full page load
			response.setHeader("HX-Redirect", ConsoleSession.SIGN_IN);
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		}
		else if (HttpMethod.GET.matches(request.getMethod()) && accepts(request, MediaType.TEXT_HTML_VALUE)) {
			response.setStatus(HttpServletResponse.SC_SEE_OTHER);
			response.setHeader(HttpHeaders.LOCATION, ConsoleSession.SIGN_IN);
		}
		else {
			this.errors.write(response, ErrorCode.ADMIN_TOKEN_INVALID.exception(this.admin.message(reason)));
		}
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		if ("cross-site".equals(request.getHeader("Sec-Fetch-Site"))) {
			this.errors.write(response, ErrorCode.ADMIN_TOKEN_INVALID.exception(OTHER_SITES));
			return;
		}
		InteractionApiException refusal = (denied instanceof CsrfException)
				? ErrorCode.CSRF_TOKEN_INVALID.exception(CSRF) : ErrorCode.ADMIN_TOKEN_INVALID.exception();
		if (isHtmx(request) || accepts(request, MediaType.TEXT_HTML_VALUE)) {
			response.setStatus(refusal.errorCode().httpStatus());
			response.setContentType("text/html;charset=UTF-8");
			response.getOutputStream()
				.write(("<p class=\"problem\" role=\"alert\">" + HtmlUtils.htmlEscape(refusal.getMessage()) + "</p>\n")
					.getBytes(StandardCharsets.UTF_8));
			return;
		}
		this.errors.write(response, refusal);
	}

	private static boolean isHtmx(HttpServletRequest request) {
		return request.getHeader("HX-Request") != null;
	}

	private static boolean accepts(HttpServletRequest request, String type) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return accept != null && accept.contains(type);
	}

}
