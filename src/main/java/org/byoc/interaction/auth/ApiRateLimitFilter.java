package org.byoc.interaction.auth;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.web.ErrorResponses;

/**
 * The per-org rate limit (contract §A.1), right behind {@link ApiSecurityFilter}: only a request whose token was
 * verified reaches it, so the org is known and a stranger cannot spend another org's budget. Over the limit the
 * answer is 429 with code 429, the vendor's message and a {@code Retry-After} in seconds.
 */
final class ApiRateLimitFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(ApiRateLimitFilter.class);

	private final OrgRateLimit limiter;

	private final ErrorResponses errors;

	ApiRateLimitFilter(OrgRateLimit limiter, ErrorResponses errors) {
		this.limiter = limiter;
		this.errors = errors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getAttribute(ApiCaller.REQUEST_ATTRIBUTE) instanceof ApiCaller caller) {
			long waitNanos;
			try {
				waitNanos = this.limiter.tryAcquire(caller.orgKey());
			}
			catch (RuntimeException ex) {
				// the shared bucket's database is unreachable: the request itself will meet that and answer 503
				log.debug("Rate limit of org {} not checked: {}", caller.orgKey(), ex.toString());
				waitNanos = 0;
			}
			if (waitNanos > 0) {
				// debug only: a partner over its limit would otherwise flood the log at its own request rate
				log.debug("Rate limit of org {} exceeded on {} {}", caller.orgKey(), request.getMethod(),
						request.getRequestURI());
				response.setHeader(HttpHeaders.RETRY_AFTER,
						Long.toString(OrgRateLimiter.retryAfterSeconds(waitNanos)));
				this.errors.write(response, ErrorCode.RATE_LIMIT_EXCEEDED.exception());
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
