package org.byoc.interaction.auth;

import java.time.Duration;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.byoc.interaction.web.ConsolePage;
import org.byoc.interaction.web.InteractionApiException;

/**
 * Signing in to the agent console: the person pastes an admin token (from {@code generate_admin_key.sh}); it is
 * checked exactly like the admin API's header and then kept in the console's session cookie.
 * <p>
 * The session is the admin token itself, in a cookie the browser's scripts cannot read (HttpOnly), never sends
 * from another site (SameSite=Strict) and sends only to {@code /console}. The admin token filter accepts it there and
 * nowhere else, so the admin API and the actuator still need the header.
 */
@ConsolePage
class ConsoleSignInController {

	static final String COOKIE = "console_admin_token";

	static final String SIGN_IN = ConsolePage.PATH + "/sign-in";

	static final String SIGN_OUT = ConsolePage.PATH + "/sign-out";

	private final AdminTokenVerifier verifier;

	ConsoleSignInController(AdminTokenVerifier verifier) {
		this.verifier = verifier;
	}

	@GetMapping(SIGN_IN)
	String form() {
		return "console/sign-in";
	}

	@PostMapping(SIGN_IN)
	String signIn(@RequestParam(defaultValue = "") String token, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		String pasted = token.strip();
		if (pasted.regionMatches(true, 0, "Bearer ", 0, 7)) {
			pasted = pasted.substring(7).strip();
		}
		try {
			this.verifier.verify("Bearer " + pasted);
		}
		catch (InteractionApiException ex) {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			model.addAttribute("error", ex.getMessage());
			return "console/sign-in";
		}
		response.addHeader(HttpHeaders.SET_COOKIE, cookie(pasted, request.isSecure()).toString());
		return "redirect:" + ConsolePage.PATH + "/";
	}

	@PostMapping(SIGN_OUT)
	String signOut(HttpServletRequest request, HttpServletResponse response) {
		response.addHeader(HttpHeaders.SET_COOKIE, cleared(request.isSecure()).toString());
		return "redirect:" + SIGN_IN;
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
