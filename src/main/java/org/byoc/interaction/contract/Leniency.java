package org.byoc.interaction.contract;

import org.jspecify.annotations.Nullable;

/**
 * Where this service accepts a request only because it is lenient the way the vendor is. Each deviation is a
 * warning in the request journal, naming the contract rule; an org in strict mode refuses it instead, with
 * {@link #strictCode()} (the code the vendor uses for that field), so a partner can prove their middleware clean.
 */
public enum Leniency {

	TRAILING_CONTENT("trailing-content", ErrorCode.INVALID_PARAMETERS,
			"Contract §A.5/§B: a JSON body is exactly one JSON object; the vendor ignores characters after it"),
	EXP_IN_MILLISECONDS("exp-in-milliseconds", null,
			"Contract §E: exp is seconds since the epoch (RFC 7519); the README's milliseconds are tolerated"),
	REQUEST_ID_REUSED("request-id-reused", ErrorCode.API_HEADER_INVALID,
			"Contract §A.2: RequestId is a UUID new for every request"),
	TIMESTAMP_FAR_FROM_NOW("timestamp-far-from-now", ErrorCode.INTERACTION_LIST_INVALID,
			"Contract §B1: timestamp is the client's epoch milliseconds when it sends the interaction"),
	UNKNOWN_FIELD("unknown-field", ErrorCode.INVALID_PARAMETERS,
			"Contract §B: fields outside the endpoint's schema are ignored, not stored"),
	DEPRECATED_FIELD_NAME("deprecated-field-name", ErrorCode.INVALID_PARAMETERS,
			"Contract §B1: MessageDeliveryFailed names the entry failedConversationEntryIdentifier"),
	LEGACY_STRUCTURE("legacy-structure", ErrorCode.INVALID_PARAMETERS,
			"Contract §A.2/§B1: since June 2024 the request id is the RequestId header, not a json field"),
	ATTACHMENT_DECLARED_TYPE("attachment-declared-type", ErrorCode.MIME_TYPE_INVALID,
			"Contract §B1: a file's declared content type is the type of its content");

	private final String rule;

	private final @Nullable ErrorCode strictCode;

	private final String contractRule;

	Leniency(String rule, @Nullable ErrorCode strictCode, String contractRule) {
		this.rule = rule;
		this.strictCode = strictCode;
		this.contractRule = contractRule;
	}

	/** The short name findings are filtered by ({@code finding=trailing-content}). */
	public String rule() {
		return this.rule;
	}

	/** The refusal in strict mode; null where the endpoint refuses in its own form (the token endpoint's OAuth). */
	public @Nullable ErrorCode strictCode() {
		return this.strictCode;
	}

	public String contractRule() {
		return this.contractRule;
	}

}
