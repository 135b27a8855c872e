package org.byoc.interaction.auth.http;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.web.ErrorResponses;

/**
 * Answers what Spring Security's firewall refuses before any chain sees it (a path that is not normalised, an
 * encoded slash, a semicolon, a control character in a header) with the contract's error body instead of a bare 400.
 */
public final class ContractRequestRejectedHandler implements RequestRejectedHandler {

	private static final Logger log = LoggerFactory.getLogger(ContractRequestRejectedHandler.class);

	private final ErrorResponses errors;

	public ContractRequestRejectedHandler(ErrorResponses errors) {
		this.errors = errors;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			RequestRejectedException rejected) throws IOException {
		// the reason names what was wrong, but never echoes the attacker's bytes into our log
		log.info("Refused a request the firewall rejects on port {}: {}", request.getLocalPort(),
				rejected.getMessage().replaceAll("\\p{Cntrl}", "?"));
		this.errors.write(response, ErrorCode.INVALID_PARAMETERS.exception("The request's URL or headers are not in "
				+ "a form the service accepts (normalised path; no encoded slashes, semicolons or control characters)."));
	}

}
