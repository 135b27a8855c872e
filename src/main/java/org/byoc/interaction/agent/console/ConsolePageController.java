package org.byoc.interaction.agent.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;

import org.byoc.interaction.contract.InteractionApiException;

/**
 * What every console controller shares: a refusal from a service (the same contract codes the admin API answers)
 * is shown to the person, in the page's message area for htmx requests and as a page of its own otherwise.
 */
abstract class ConsolePageController {

	static boolean isHtmx(HttpServletRequest request) {
		return request.getHeader("HX-Request") != null;
	}

	@ExceptionHandler(InteractionApiException.class)
	String refused(InteractionApiException ex, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		response.setStatus(ex.errorCode().httpStatus());
		model.addAttribute("problem", ex.getMessage());
		model.addAttribute("code", ex.errorCode().code());
		if (isHtmx(request)) {
			response.setHeader("HX-Retarget", "#flash");
			response.setHeader("HX-Reswap", "innerHTML");
			return "console/fragments :: problem";
		}
		return "console/problem";
	}

}
