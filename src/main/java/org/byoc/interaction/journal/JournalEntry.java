package org.byoc.interaction.journal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.byoc.interaction.contract.ContractFindings.Finding;

/**
 * One partner call as the journal keeps it: REST (the token endpoint included) or gRPC.
 *
 * @param id increasing across the service: newer calls have larger ids
 * @param protocol {@code http} or {@code grpc}
 * @param method the HTTP method, or the gRPC method's full name
 * @param path the request path, or the gRPC service
 * @param headers the request's headers, Authorization and credentials redacted
 * @param json the request's JSON (a body or the json part), bounded; null when there was none
 * @param parts a multipart request's parts: names, sizes and types, never content
 * @param status the HTTP status, or the gRPC status code's name
 * @param code the contract code of a refusal (or of an injected answer)
 * @param conversationIdentifier the conversation the call touched, when known
 * @param findings refusals, leniency warnings and injected faults
 */
public record JournalEntry(long id, Instant time, String protocol, String method, String path,
		Map<String, String> headers, @Nullable String requestId, @Nullable String json, List<PartInfo> parts,
		String status, @Nullable Integer code, long durationMillis, @Nullable String conversationIdentifier,
		List<Finding> findings) {

	public boolean injected() {
		return this.findings.stream().anyMatch((f) -> Finding.INJECTED.equals(f.kind()));
	}

	public boolean hasWarnings() {
		return this.findings.stream().anyMatch((f) -> Finding.WARNING.equals(f.kind()));
	}

	/** A part of a multipart request. */
	public record PartInfo(String name, @Nullable String fileName, @Nullable String contentType, long size) {
	}

}
