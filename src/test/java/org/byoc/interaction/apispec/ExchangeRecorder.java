package org.byoc.interaction.apispec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Test-only servlet filter on the API port: every exchange under a path the spec covers ({@code /api/v1/},
 * {@code /services/oauth2/}, {@code /services/data/}, {@code /files/}) is checked against the OpenAPI spec before the response leaves, so a
 * test never sees an answer whose check is still pending. Violations go to {@link SpecViolations}.
 */
final class ExchangeRecorder extends OncePerRequestFilter {

	private static final List<String> COVERED = List.of("/api/v1/", "/services/oauth2/", "/services/data/", "/files/");

	/** Bodies of JSON requests are kept up to this size; the service refuses larger ones anyway. */
	private static final int CACHE_LIMIT = 2 * 1024 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/** The routing endpoints read a JSON body up to the end of its first value, as the spec says. */
	private static final JsonMapper FIRST_VALUE = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/** JournalFilter's mark of a request whose connection an injected fault reset. */
	private static final String INJECTED_RESET = "org.byoc.interaction.journal.reset";

	private final OpenApiContract contract;

	ExchangeRecorder(OpenApiContract contract) {
		this.contract = contract;
	}

	/** Endpoints tests add to their own contexts (e.g. to see what the API door passes on); not the service's API. */
	private static final String TEST_ONLY = "/api/v1/test-only/";

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return COVERED.stream().noneMatch(path::startsWith) || path.startsWith(TEST_ONLY);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean multipart = isMultipart(request.getContentType());
		HttpServletRequest recorded = multipart ? request : new ContentCachingRequestWrapper(request, CACHE_LIMIT);
		ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
		try {
			chain.doFilter(recorded, answer);
		}
		finally {
			try {
				// a connection the test kit's fault injection dropped on purpose has no answer to check
				if (request.getAttribute(INJECTED_RESET) == null) {
					SpecViolations.add(this.contract.validate(exchange(recorded, answer, multipart)));
				}
			}
			catch (RuntimeException ex) {
				SpecViolations.add(List.of(request.getMethod() + " " + request.getRequestURI()
						+ ": the exchange could not be checked: " + ex));
			}
			answer.copyBodyToResponse();
		}
	}

	private static HttpExchange exchange(HttpServletRequest request, ContentCachingResponseWrapper response,
			boolean multipart) {
		Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
		for (String name : Collections.list(request.getHeaderNames())) {
			requestHeaders.put(name, Collections.list(request.getHeaders(name)));
		}
		Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
		for (String name : response.getHeaderNames()) {
			responseHeaders.put(name, new ArrayList<>(response.getHeaders(name)));
		}
		JsonNode body = null;
		String problem = null;
		boolean accepted = response.getStatus() >= 200 && response.getStatus() < 300;
		// a refused request's body does not matter (and may never have been read): only accepted ones are read
		if (accepted && request.getContentType() != null) {
			try {
				body = multipart ? multipartBody(request) : body(request);
			}
			catch (BodyProblem ex) {
				problem = ex.getMessage();
			}
		}
		return new HttpExchange(request.getMethod(), request.getRequestURI(), request.getQueryString(), requestHeaders,
				request.getContentType(), body, problem, response.getStatus(), responseHeaders,
				response.getContentType(), response.getContentAsByteArray());
	}

	private static JsonNode body(HttpServletRequest request) {
		String type = request.getContentType().toLowerCase(Locale.ROOT);
		if (type.startsWith("application/x-www-form-urlencoded")) {
			Map<String, String> query = OpenApiContract.query(request.getQueryString());
			Map<String, String> fields = new LinkedHashMap<>();
			request.getParameterMap().forEach((name, values) -> {
				if (!query.containsKey(name) && values.length > 0) {
					fields.put(name, values[0]);
				}
			});
			return OpenApiContract.formObject(fields);
		}
		byte[] content = ((ContentCachingRequestWrapper) request).getContentAsByteArray();
		if (content.length == 0) {
			return null;
		}
		if (type.contains("json")) {
			try {
				return FIRST_VALUE.readTree(content);
			}
			catch (JacksonException ex) {
				throw new BodyProblem("is not JSON");
			}
		}
		return JsonNodeFactory.instance.stringNode("<" + content.length + " bytes>");
	}

	/**
	 * The parts as the spec's multipart schema sees them: the {@code json} part and parts typed as JSON parsed, other
	 * parts as their file names, {@code attachments} as an array. Of two parts with one name (other than
	 * {@code attachments}) only the first counts, as with the vendor's {@code @RequestPart}: the service ignores the
	 * rest, so what they hold is not the request's. A part typed as JSON that does not parse is kept as an opaque
	 * string, for the schema to judge: a declared JSON part then fails its schema, an undeclared one is the spec's
	 * to allow.
	 */
	private static JsonNode multipartBody(HttpServletRequest request) {
		Collection<Part> parts;
		try {
			parts = request.getParts();
		}
		catch (IOException | ServletException | IllegalStateException ex) {
			throw new BodyProblem("is not readable multipart: " + ex.getMessage());
		}
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		for (Part part : parts) {
			if (!"attachments".equals(part.getName()) && body.has(part.getName())) {
				continue;
			}
			JsonNode value;
			boolean jsonPart = "json".equals(part.getName())
					|| (part.getContentType() != null && part.getContentType().toLowerCase(Locale.ROOT).contains("json"));
			if (jsonPart) {
				try {
					value = JSON.readTree(part.getInputStream());
				}
				catch (IOException | JacksonException ex) {
					if ("json".equals(part.getName())) {
						throw new BodyProblem("has a JSON part '" + part.getName() + "' that is not JSON");
					}
					value = JsonNodeFactory.instance.stringNode("<not JSON>");
				}
			}
			else {
				value = JsonNodeFactory.instance
					.stringNode((part.getSubmittedFileName() != null) ? part.getSubmittedFileName() : part.getName());
			}
			if ("attachments".equals(part.getName())) {
				body.withArray("attachments").add(value);
			}
			else {
				body.set(part.getName(), value);
			}
		}
		return body;
	}

	private static boolean isMultipart(String contentType) {
		return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
	}

	private static final class BodyProblem extends RuntimeException {

		BodyProblem(String message) {
			super(message, null, false, false);
		}

	}

}
