package org.byoc.interaction.journal;

import java.io.IOException;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import org.apache.catalina.connector.Response;
import org.apache.catalina.connector.ResponseFacade;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.ContractFindings;
import org.byoc.interaction.contract.ErrorBody;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.InteractionApiException;
import org.byoc.interaction.contract.Leniency;
import org.byoc.interaction.contract.Refusal;
import org.byoc.interaction.journal.http.NamedConversation;
import org.byoc.interaction.setup.FaultRule;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.web.RequestIds;

/**
 * The partner API port's test kit edge: opens the request's {@link ContractFindings} scope (strict per org),
 * injects the org's HTTP faults, and journals the call once it is answered. It wraps the API security, so refusals
 * of a bad token are journaled too; a call is the org's when the token, the {@code OrgId} header or (on the token
 * endpoint) the connected app says so, and never another org's.
 */
@Component
@Order(JournalFilter.ORDER)
class JournalFilter extends OncePerRequestFilter {

	/** Outside the API security (spring.security.filter.order, HIGHEST_PRECEDENCE + 10), so it sees its refusals. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 8;

	/** Set on a request whose connection the test kit reset: it has no answer to check or record. */
	public static final String RESET_ATTRIBUTE = "org.byoc.interaction.journal.reset";

	private static final Set<String> REDACTED = Set.of("authorization", "cookie", "proxy-authorization");

	private static final Pattern CONVERSATION = Pattern.compile("\"conversationIdentifier\"\\s*:\\s*\"([^\"]{1,255})\"");

	private static final String TOKEN_PATH = "/services/oauth2/token";

	private final RequestJournal journal;

	private final StrictModes strict;

	private final FaultInjector faults;

	private final SetupDirectory setup;

	private final JsonMapper json;

	JournalFilter(RequestJournal journal, StrictModes strict, FaultInjector faults, SetupDirectory setup,
			JsonMapper json) {
		this.journal = journal;
		this.strict = strict;
		this.faults = faults;
		this.setup = setup;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !(path.startsWith("/api/") || path.startsWith("/services/oauth2/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		Instant time = Instant.now();
		String claimed = claimedOrg(request);
		String requestId = requestId(request);
		@Nullable JournalEntry reused = (claimed != null && requestId != null)
				? this.journal.withRequestId(claimed, requestId) : null;
		try (ContractFindings.Scope scope = ContractFindings.open(this.strict::isStrict)) {
			if (claimed != null) {
				ContractFindings.org(claimed);
			}
			try {
				serve(request, response, chain, claimed, reused);
			}
			finally {
				record(request, response, scope, claimed, requestId, time, start);
			}
		}
	}

	private void serve(HttpServletRequest received, HttpServletResponse response, FilterChain chain,
			@Nullable String claimed, @Nullable JournalEntry reused) throws ServletException, IOException {
		HttpServletRequest request = received;
		FaultRule fault = null;
		if (claimed != null && this.faults.hasRules(claimed)) {
			String conversation = null;
			if (this.faults.hasConversationRules(claimed)) {
				NamedConversation.Call call = NamedConversation.read(received);
				request = call.request();
				conversation = call.conversationIdentifier();
				ContractFindings.conversation(conversation);
			}
			String method = request.getMethod();
			String path = request.getRequestURI();
			fault = this.faults.http(claimed, method, path, conversation, null);
			ContractFindings.storeFaults((stored) -> {
				FaultRule failure = this.faults.http(claimed, method, path, stored,
						FaultRule.Action.failAttachmentStore);
				return (failure != null) ? failure.id() : null;
			});
		}
		try {
			if (reused != null && reused.status().startsWith("2")) {
				ContractFindings.warn(Leniency.REQUEST_ID_REUSED, "RequestId " + reused.requestId()
						+ " was already used by the accepted " + reused.method() + " " + reused.path() + " at "
						+ reused.time());
			}
		}
		catch (InteractionApiException ex) {
			refuse(request, response, ex, null);
			return;
		}
		if (fault == null) {
			chain.doFilter(request, response);
			return;
		}
		switch (fault.action()) {
			case respond -> {
				ContractFindings.injected(fault.id(), fault.code(), fault.message());
				refuse(request, response, new InteractionApiException(code(fault), fault.message()), fault);
			}
			case latency -> {
				ContractFindings.injected(fault.id(), null, "added " + fault.latencyMillis() + " ms of latency");
				pause(fault.latencyMillis());
				chain.doFilter(request, response);
			}
			case delayEvents -> {
				ContractFindings.delayEvents(fault.id(), fault.latencyMillis());
				chain.doFilter(request, response);
			}
			case resetBefore -> {
				ContractFindings.injected(fault.id(), null, "reset the connection before the service saw the call");
				reset(request, response);
			}
			case resetAfter -> {
				ContractFindings.injected(fault.id(), null, "the service answered; then the connection was reset");
				ContentCachingResponseWrapper swallowed = new ContentCachingResponseWrapper(response);
				chain.doFilter(request, swallowed);
				reset(request, response);
			}
			default -> chain.doFilter(request, response);
		}
	}

	/** The contract's code for the rule's number, or the generic code with the rule's status. */
	private static ErrorCode code(FaultRule fault) {
		for (ErrorCode code : ErrorCode.values()) {
			if (code.code() == fault.code() && code.httpStatus() == fault.status()) {
				return code;
			}
		}
		return ErrorCode.of(fault.code()).orElse(ErrorCode.GENERIC_INTERNAL_ERROR);
	}

	/** An answer in the endpoint's own error form, with the rule's status, code and Retry-After. */
	private void refuse(HttpServletRequest request, HttpServletResponse response, InteractionApiException ex,
			@Nullable FaultRule fault) throws IOException {
		int status = (fault != null) ? fault.status() : ex.errorCode().httpStatus();
		int code = (fault != null) ? fault.code() : ex.errorCode().code();
		response.setStatus(status);
		response.setContentType("application/json");
		if (fault != null && fault.retryAfterSeconds() != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(fault.retryAfterSeconds()));
		}
		String path = request.getRequestURI();
		Object body;
		ContractFindings.refused(code, ex.getMessage());
		if (path.equals("/api/v1/consent") || path.equals("/api/v1/capabilities")) {
			body = new Refusal(false, new Refusal.ErrorDetail(code, ex.getMessage()));
		}
		else {
			body = new ErrorBody(code, ex.getMessage());
		}
		this.json.writeValue(response.getOutputStream(), body);
	}

	/**
	 * Drops the connection with no answer: Tomcat is told to close it now (the servlet API has no abort). On another
	 * container the response is committed with a length it never reaches and the request fails after the commit,
	 * which makes the container close the connection too.
	 */
	private static void reset(HttpServletRequest request, HttpServletResponse response) throws IOException {
		request.setAttribute(RESET_ATTRIBUTE, Boolean.TRUE);
		if (TomcatConnections.closeNow(response)) {
			return;
		}
		response.reset();
		response.setStatus(200);
		response.setHeader(HttpHeaders.CONNECTION, "close");
		response.setContentLengthLong(1 << 20);
		response.flushBuffer();
		throw new InjectedResetException();
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void record(HttpServletRequest request, HttpServletResponse response, ContractFindings.Scope scope,
			@Nullable String claimed, @Nullable String requestId, Instant time, long start) {
		if (!this.journal.enabled()) {
			return;
		}
		String orgKey = org(request, scope, claimed);
		if (orgKey == null) {
			return;
		}
		String body = scope.body();
		String conversation = scope.conversation();
		if (conversation == null && body != null) {
			Matcher matcher = CONVERSATION.matcher(body);
			conversation = matcher.find() ? matcher.group(1) : null;
		}
		String status = String.valueOf(response.getStatus());
		this.journal.record(orgKey, new JournalEntry(this.journal.nextId(), time, "http", request.getMethod(),
				request.getRequestURI(), headers(request), requestId, body, parts(request), status,
				response.getStatus() >= 300 ? scope.code() : null, (System.nanoTime() - start) / 1_000_000,
				conversation, scope.findings()));
	}

	/** The org the call is for: the caller the security verified, else the org the request claims consistently. */
	private @Nullable String org(HttpServletRequest request, ContractFindings.Scope scope, @Nullable String claimed) {
		if (request.getAttribute(ApiCaller.REQUEST_ATTRIBUTE) instanceof ApiCaller caller) {
			return OrgIds.key(caller.orgId());
		}
		return (scope.orgKey() != null) ? scope.orgKey() : claimed;
	}

	/**
	 * The org a partner call claims before anyone verified it: the {@code OrgId} header of a known org, when the
	 * bearer token (if any) names the same org. A call whose token and header disagree is no one's.
	 */
	private @Nullable String claimedOrg(HttpServletRequest request) {
		String header = request.getHeader("OrgId");
		if (header == null || !OrgIds.isWellFormed(header.trim())) {
			return null;
		}
		String orgKey = OrgIds.key(header.trim());
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null) {
			String token = authorization.strip().replaceFirst("(?i)^bearer\\s+", "");
			int bang = token.indexOf('!');
			if (bang < 0 || !OrgIds.sameId(token.substring(0, bang), orgKey)) {
				return null;
			}
		}
		return this.setup.org(orgKey).isPresent() ? orgKey : null;
	}

	private static @Nullable String requestId(HttpServletRequest request) {
		String requestId = request.getHeader(RequestIds.HEADER);
		return (requestId != null && !requestId.isBlank() && requestId.length() <= RequestIds.MAX_LENGTH)
				? requestId : null;
	}

	private static Map<String, String> headers(HttpServletRequest request) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (String name : Collections.list(request.getHeaderNames())) {
			String value = String.join(", ", Collections.list(request.getHeaders(name)));
			if (REDACTED.contains(name.toLowerCase(Locale.ROOT))) {
				int bang = value.indexOf('!');
				value = (bang > 0 && value.regionMatches(true, 0, "Bearer ", 0, 7))
						? value.substring(0, bang + 1) + "[redacted]" : "[redacted]";
			}
			headers.put(name, (value.length() > 500) ? value.substring(0, 500) + "…" : value);
		}
		return headers;
	}

	/** The parts of a call that passed the security (its handler parsed them): names, sizes and types. */
	private static List<JournalEntry.PartInfo> parts(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")
				|| request.getAttribute(ApiCaller.REQUEST_ATTRIBUTE) == null) {
			return List.of();
		}
		try {
			Collection<Part> parts = request.getParts();
			List<JournalEntry.PartInfo> infos = new ArrayList<>(parts.size());
			for (Part part : parts) {
				infos.add(new JournalEntry.PartInfo(part.getName(), part.getSubmittedFileName(), part.getContentType(),
						part.getSize()));
			}
			return infos;
		}
		catch (IOException | ServletException | RuntimeException ex) {
			return List.of();
		}
	}

	/** How an injected reset ends the request: after the commit, so the container drops the connection. */
	static final class InjectedResetException extends RuntimeException {

		InjectedResetException() {
			super("The test kit reset this connection (an injected fault)", null, false, false);
		}

	}

	/**
	 * Closes a request's connection at once on Tomcat, the service's container: the way an injected "connection
	 * reset" reaches the client as a dropped connection with no answer.
	 */
	static final class TomcatConnections {

		private TomcatConnections() {
		}

		/** @return false when the response is not Tomcat's (the caller falls back) */
		static boolean closeNow(ServletResponse response) {
			ServletResponse inner = response;
			while (inner instanceof ServletResponseWrapper wrapper) {
				inner = wrapper.getResponse();
			}
			if (!(inner instanceof ResponseFacade facade)) {
				return false;
			}
			try {
				Field field = ResponseFacade.class.getDeclaredField("response");
				field.setAccessible(true);
				Response connector = (Response) field.get(facade);
				connector.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
				return true;
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return false;
			}
		}

	}

}
