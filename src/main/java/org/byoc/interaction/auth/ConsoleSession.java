package org.byoc.interaction.auth;

import java.time.Duration;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseCookie;

import org.byoc.interaction.web.ConsolePage;

/**
 * The agent console's sign-in: the admin token itself, kept in a cookie the browser's scripts cannot read
 * (HttpOnly), never sends from another site (SameSite=Strict) and sends only to {@code /console}. The admin token
 * filter accepts it there and nowhere else, so the admin API and the actuator still need the header.
 */
final class ConsoleSession {

	static final String COOKIE = "console_admin_token";

	static final String SIGN_IN = ConsolePage.PATH + "/sign-in";

	static final String SIGN_OUT = ConsolePage.PATH + "/sign-out";

	private ConsoleSession() {
	}

	/** The token the cookie carries, or null. */
	static String token(HttpServletRequest request) {
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
	static ResponseCookie cookie(String token, boolean secure) {
		return ResponseCookie.from(COOKIE, token)
			.httpOnly(true)
			.sameSite("Strict")
			.secure(secure)
			.path(ConsolePage.PATH)
			.build();
	}

	static ResponseCookie cleared(boolean secure) {
		return ResponseCookie.from(COOKIE, "")
			.httpOnly(true)
			.sameSite("Strict")
			.secure(secure)
			.path(ConsolePage.PATH)
			.maxAge(Duration.ZERO)
			.build();
	}

}
