package org.byoc.interaction.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.byoc.interaction.web.ConsolePage;
import org.byoc.interaction.web.InteractionApiException;

/**
 * Signing in to the agent console: the person pastes an admin token (from {@code generate_admin_key.sh}); it is
 * checked exactly like the admin API's header and then kept in the console's session cookie.
 */
@ConsolePage
class ConsoleSignInController {

	private final AdminTokenVerifier verifier;

	ConsoleSignInController(AdminTokenVerifier verifier) {
		this.verifier = verifier;
	}

	@GetMapping(ConsoleSession.SIGN_IN)
	String form() {
		return "console/sign-in";
	}

	@PostMapping(ConsoleSession.SIGN_IN)
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
		response.addHeader(HttpHeaders.SET_COOKIE, ConsoleSession.cookie(pasted, request.isSecure()).toString());
		return "redirect:" + ConsolePage.PATH + "/";
	}

	@PostMapping(ConsoleSession.SIGN_OUT)
	String signOut(HttpServletRequest request, HttpServletResponse response) {
		response.addHeader(HttpHeaders.SET_COOKIE, ConsoleSession.cleared(request.isSecure()).toString());
		return "redirect:" + ConsoleSession.SIGN_IN;
	}

}
