package org.byoc.interaction.auth.token;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.byoc.interaction.auth.http.OrgBearerTokenResolver;
import org.byoc.interaction.contract.ContractFindings;
import org.byoc.interaction.setup.RecordIds;

/**
 * The vendor's login endpoints partners call before the Interaction API: the token endpoint (JWT-bearer grant only)
 * and userinfo. Answers follow OAuth 2.0, not the Interaction API's error catalogue, because OAuth client libraries
 * parse them.
 */
@RestController
class OAuthController {

	private static final Logger log = LoggerFactory.getLogger(OAuthController.class);

	private final JwtBearerGrant grant;

	private final AccessTokenIssuer issuer;

	private final AccessTokenVerifier verifier;

	private final ServiceUrls urls;

	OAuthController(JwtBearerGrant grant, AccessTokenIssuer issuer, AccessTokenVerifier verifier, ServiceUrls urls) {
		this.grant = grant;
		this.issuer = issuer;
		this.verifier = verifier;
		this.urls = urls;
	}

	@PostMapping("/services/oauth2/token")
	ResponseEntity<TokenResponse> token(@RequestParam MultiValueMap<String, String> form) {
		String grantType = single(form, "grant_type");
		if (!JwtBearerGrant.GRANT_TYPE.equals(grantType)) {
			throw new OAuthException(OAuthException.UNSUPPORTED_GRANT_TYPE,
					"Only grant_type=" + JwtBearerGrant.GRANT_TYPE + " is supported.");
		}
		String assertion = single(form, "assertion");
		JwtBearerGrant.Authorized authorized = this.grant.authorize(assertion);
		AccessTokenIssuer.IssuedToken token = this.issuer.issue(authorized.org(), authorized.user(), authorized.app());
		log.info("Issued an access token to {} for {} (org {}), valid until {}", authorized.app().consumerKey(),
				authorized.user().username(), authorized.org().key(), token.expiresAt());
		String base = this.urls.publicUrl();
		TokenResponse body = new TokenResponse(token.accessToken(), base,
				base + "/id/" + RecordIds.to18(authorized.org().id()) + "/"
						+ RecordIds.to18(authorized.user().id()),
				"Bearer", String.join(" ", authorized.app().scopes()),
				Long.toString(token.issuedAt().toEpochMilli()));
		return ResponseEntity.ok().headers(noStore()).body(body);
	}

	@RequestMapping(path = "/services/oauth2/userinfo", method = { RequestMethod.GET, RequestMethod.POST })
	ResponseEntity<UserInfo> userinfo(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		AccessTokenPrincipal principal = Optional.ofNullable(OrgBearerTokenResolver.token(authorization))
			.flatMap(this.verifier::verify)
			.orElseThrow(() -> new OAuthException(OAuthException.INVALID_TOKEN,
					"The access token is missing, invalid or expired."));
		return ResponseEntity.ok()
			.headers(noStore())
			.body(new UserInfo(RecordIds.to18(principal.orgId()), RecordIds.to18(principal.userId()),
					principal.username()));
	}

	@ExceptionHandler(OAuthException.class)
	ResponseEntity<OAuthError> refused(OAuthException ex) {
		log.info("OAuth request refused ({}): {}", ex.error(), ex.logDetail());
		ContractFindings.refused(ex.error(), null, ex.description());
		HttpHeaders headers = noStore();
		HttpStatus status = HttpStatus.BAD_REQUEST;
		if (OAuthException.INVALID_TOKEN.equals(ex.error())) {
			status = HttpStatus.UNAUTHORIZED;
			headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		}
		return ResponseEntity.status(status).headers(headers).body(new OAuthError(ex.error(), ex.description()));
	}

	/** RFC 6749 §3.2: a parameter must not be sent twice, and a missing one is an invalid request. */
	private static String single(MultiValueMap<String, String> form, String name) {
		List<String> values = form.get(name);
		if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
			throw new OAuthException(OAuthException.INVALID_REQUEST, "The " + name + " parameter is missing.");
		}
		if (values.size() > 1) {
			throw new OAuthException(OAuthException.INVALID_REQUEST, "The " + name + " parameter is repeated.");
		}
		return values.get(0).trim();
	}

	private static HttpHeaders noStore() {
		HttpHeaders headers = new HttpHeaders();
		headers.setCacheControl(CacheControl.noStore());
		headers.setPragma("no-cache");
		return headers;
	}

	record TokenResponse(@JsonProperty("access_token") String accessToken,
			@JsonProperty("instance_url") String instanceUrl, @JsonProperty("id") String id,
			@JsonProperty("token_type") String tokenType, @JsonProperty("scope") String scope,
			@JsonProperty("issued_at") String issuedAt) {
	}

	record UserInfo(@JsonProperty("organization_id") String organizationId, @JsonProperty("user_id") String userId,
			@JsonProperty("preferred_username") String preferredUsername) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record OAuthError(@JsonProperty("error") String error,
			@JsonProperty("error_description") String errorDescription) {
	}

}
