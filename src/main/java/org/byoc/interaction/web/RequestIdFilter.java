package org.byoc.interaction.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Echoes the caller's RequestId and puts it into every log line of the request. A repeated RequestId is never
 * an error: it is for tracing only. Whether it is required is the API security's business.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = request.getHeader(RequestIds.HEADER);
		if (requestId != null && !requestId.isBlank() && requestId.length() <= RequestIds.MAX_LENGTH) {
			response.setHeader(RequestIds.HEADER, requestId);
			MDC.put(RequestIds.MDC_KEY, requestId);
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

}
