package org.byoc.interaction.apispec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * One HTTP request and its response as the spec check sees them. The request body is given as the JSON value the
 * operation's schema describes: the parsed JSON body, the form fields as an object of strings, or for multipart an
 * object with one member per part (the {@code json} part parsed, files as their names); {@code null} when there was
 * no body. {@code requestBodyProblem} says why a body could not be turned into that value.
 */
public record HttpExchange(String method, String path, String query, Map<String, List<String>> requestHeaders,
		String requestContentType, JsonNode requestBody, String requestBodyProblem, int status,
		Map<String, List<String>> responseHeaders, String responseContentType, byte[] responseBody) {

	public HttpExchange {
		requestHeaders = caseInsensitive(requestHeaders);
		responseHeaders = caseInsensitive(responseHeaders);
		responseBody = (responseBody != null) ? responseBody : new byte[0];
	}

	String requestHeader(String name) {
		List<String> values = this.requestHeaders.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	String responseHeader(String name) {
		List<String> values = this.responseHeaders.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	@Override
	public String toString() {
		return this.method + " " + this.path + ((this.query != null) ? "?" + this.query : "") + " -> " + this.status;
	}

	private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
		Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		if (headers != null) {
			headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		}
		return copy;
	}

}
