package org.byoc.interaction.auth.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.byoc.interaction.auth.http.AdminRefusalHandler;
import org.byoc.interaction.auth.http.ConsoleSession;
import org.byoc.interaction.web.ConsolePage;

/**
 * Signing in to the agent console: the person pastes an admin token (from {@code generate_admin_key.sh}); the
 * management port's admin authentication checks it exactly like the admin API's header, and it is then kept in the
 * console's session cookie ({@link ConsoleSession}). The form is CSRF-protected like every console form, so another
 * site cannot sign a browser in with its own token. Signing out is the filter chain's (see
 * {@link ManagementSecurityConfiguration}).
 */
@ConsolePage
class ConsoleSignInController {

	private final AdminTokens adminTokens;

	ConsoleSignInController(AdminTokens adminTokens) {
		this.adminTokens = adminTokens;
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
		String refusal;
		if (pasted.isEmpty()) {
			String keyProblem = this.adminTokens.keyProblem();
			refusal = (keyProblem != null) ? keyProblem : AdminRefusalHandler.TOKEN_REQUIRED;
		}
		else {
			refusal = refusal(pasted);
		}
		if (refusal != null) {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			model.addAttribute("error", refusal);
			return "console/sign-in";
		}
		response.addHeader(HttpHeaders.SET_COOKIE, ConsoleSession.cookie(pasted, request.isSecure()).toString());
		return "redirect:" + ConsolePage.PATH + "/";
	}

	private String refusal(String token) {
		try {
			this.adminTokens.authenticate(token);
			return null;
		}
		catch (AuthenticationException ex) {
			return ex.getMessage();
		}
	}

}
