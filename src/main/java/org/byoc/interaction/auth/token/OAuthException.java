package org.byoc.interaction.auth.token;

/**
 * An OAuth 2.0 error answer (RFC 6749 §5.2). The description reaches the client, so it must be written for the
 * partner's developer and never carry internal detail; {@code logDetail} is for our log only.
 */
final class OAuthException extends RuntimeException {

	static final String INVALID_REQUEST = "invalid_request";

	static final String INVALID_GRANT = "invalid_grant";

	static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";

	static final String INVALID_TOKEN = "invalid_token";

	private final String error;

	private final String logDetail;

	OAuthException(String error, String description) {
		this(error, description, null);
	}

	OAuthException(String error, String description, String logDetail) {
		super(description, null, false, false);
		this.error = error;
		this.logDetail = logDetail;
	}

	static OAuthException invalidGrant(String description) {
		return new OAuthException(INVALID_GRANT, description);
	}

	static OAuthException invalidGrant(String description, String logDetail) {
		return new OAuthException(INVALID_GRANT, description, logDetail);
	}

	String error() {
		return this.error;
	}

	String description() {
		return getMessage();
	}

	String logDetail() {
		return (this.logDetail != null) ? this.logDetail : getMessage();
	}

}
