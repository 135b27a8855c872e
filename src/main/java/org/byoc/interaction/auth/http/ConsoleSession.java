package org.byoc.interaction.auth.http;

import java.time.Duration;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.util.matcher.RequestMatcher;

import org.byoc.interaction.web.ConsolePage;

/**
 * The agent console's session: the admin token itself, in a cookie the browser's scripts cannot read (HttpOnly),
 * never sends from another site (SameSite=Strict) and sends only to {@code /console}. As an
 * {@link AuthenticationConverter} it hands the cookie's token to the admin token's authentication manager on console
 * paths only (the admin API and the actuator still need the header), and only when no {@code Authorization} header
 * was sent (the header wins).
 */
public final class ConsoleSession implements AuthenticationConverter {

	public static final String COOKIE = "console_admin_token";

	public static final String SIGN_IN = ConsolePage.PATH + "/sign-in";

	public static final String SIGN_OUT = ConsolePage.PATH + "/sign-out";

	/** Every console path: {@code /console} and below. */
	public static final RequestMatcher PATHS = (request) -> {
		String path = pathOf(request);
		return path.equals(ConsolePage.PATH) || path.startsWith(ConsolePage.PATH + "/");
	};

	@Override
	public BearerTokenAuthenticationToken convert(HttpServletRequest request) {
		if (!PATHS.matches(request) || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
			return null;
		}
		String token = token(request);
		return (token != null) ? new BearerTokenAuthenticationToken(token) : null;
	}

	/** The token the cookie carries, or null. */
	public static String token(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
				return cookie.getValue();
			}
		}
		return null;
	}

	/** A cookie for the browser's session; the token's own expiry still ends it server-side. */
	public static ResponseCookie cookie(String token, boolean secure) {
		return ResponseCookie.from(COOKIE, token)
			.httpOnly(true)
			.sameSite("Strict")
			.secure(secure)
			.path(ConsolePage.PATH)
			.build();
	}

	public static ResponseCookie cleared(boolean secure) {
		return ResponseCookie.from(COOKIE, "")
			.httpOnly(true)
			.sameSite("Strict")
			.secure(secure)
			.path(ConsolePage.PATH)
			.maxAge(Duration.ZERO)
			.build();
	}

	/** Decoded and normalised by the container, unlike the raw request URI, so "x/../" is no bypass. */
	static String pathOf(HttpServletRequest request) {
		return request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
	}

}
