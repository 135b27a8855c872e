package org.byoc.interaction.auth;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import org.byoc.interaction.setup.BotIntegration;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.web.ApiCaller;
import org.byoc.interaction.web.AuthorizationContextType;
import org.byoc.interaction.web.ErrorCode;
import org.byoc.interaction.web.ErrorResponses;
import org.byoc.interaction.web.InteractionApiException;
import org.byoc.interaction.web.RequestIds;

/**
 * The Interaction API's door (contract §A.2, §A.3, §E): every {@code /api/v1/**} request must carry a valid access
 * token with the {@code interaction_api} scope, the token's org as {@code OrgId}, a channel of the token's app as
 * {@code AuthorizationContext} (or one of the app's bot integrations when {@code AuthorizationContextType} says
 * ExternalConversationParticipant; any other value of that optional header is 10093), and a {@code RequestId}.
 * The checks run in that order so a caller learns about the most fundamental fault first. A passing request carries an {@link ApiCaller} onward.
 */
final class ApiSecurityFilter extends OncePerRequestFilter {

	static final String ORG_ID_HEADER = "OrgId";

	static final String AUTHORIZATION_CONTEXT_HEADER = "AuthorizationContext";

	private static final Logger log = LoggerFactory.getLogger(ApiSecurityFilter.class);

	private final AccessTokenVerifier verifier;

	private final SetupDirectory directory;

	private final ErrorResponses errors;

	ApiSecurityFilter(AccessTokenVerifier verifier, SetupDirectory directory, ErrorResponses errors) {
		this.verifier = verifier;
		this.directory = directory;
		this.errors = errors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ApiCaller caller;
		try {
			caller = admit(request);
		}
		catch (InteractionApiException refused) {
			log.info("Refused {} {} with {}: {}", request.getMethod(), request.getRequestURI(),
					refused.errorCode().code(), refused.getMessage());
			this.errors.write(response, refused);
			return;
		}
		request.setAttribute(ApiCaller.REQUEST_ATTRIBUTE, caller);
		chain.doFilter(request, response);
	}

	private ApiCaller admit(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || authorization.isBlank()) {
			throw ErrorCode.AUTH_TOKEN_INVALID
				.exception("The Authorization header is missing; send 'Authorization: Bearer <access token>'.");
		}
		AccessTokenPrincipal principal = BearerTokens.accessToken(authorization)
			.flatMap(this.verifier::verify)
			.orElseThrow(() -> ErrorCode.AUTH_TOKEN_INVALID
				.exception("The access token is invalid or expired; get a new one from /services/oauth2/token."));
		if (!principal.hasScope(AccessTokenPrincipal.INTERACTION_API_SCOPE)) {
			throw ErrorCode.AUTH_SCOPE_INVALID.exception();
		}
		String orgId = required(request, ORG_ID_HEADER);
		if (!OrgIds.sameId(orgId, principal.orgKey())) {
			throw ErrorCode.AUTH_TOKEN_INVALID.exception("The OrgId header does not match the org of the access token.");
		}
		AuthorizationContextType contextType = contextType(request);
		String authorizationContext = required(request, AUTHORIZATION_CONTEXT_HEADER);
		if (contextType == AuthorizationContextType.ExternalConversationParticipant) {
			Optional<BotIntegration> integration = this.directory.botIntegration(principal.orgKey(),
					authorizationContext);
			if (integration.isEmpty() || !principal.consumerKey().equals(integration.get().connectedApp())) {
				throw ErrorCode.AUTH_CONTEXT_BASED_ON_TOKEN_INVALID.exception("The AuthorizationContext is not a bot "
						+ "integration (ExtConvParticipantIntegDef) of the connected app of the access token.");
			}
		}
		else {
			Optional<Channel> channel = this.directory.channel(principal.orgKey(), authorizationContext);
			if (channel.isEmpty() || !principal.consumerKey().equals(channel.get().connectedApp())) {
				throw ErrorCode.AUTH_CONTEXT_BASED_ON_TOKEN_INVALID.exception(this.directory
					.botIntegration(principal.orgKey(), authorizationContext)
					.filter((integration) -> principal.consumerKey().equals(integration.connectedApp()))
					.map((integration) -> "The AuthorizationContext names a bot integration; send "
							+ AuthorizationContextType.HEADER + ": ExternalConversationParticipant with it.")
					.orElse(ErrorCode.AUTH_CONTEXT_BASED_ON_TOKEN_INVALID.defaultMessage()));
			}
		}
		String requestId = required(request, RequestIds.HEADER);
		if (requestId.length() > RequestIds.MAX_LENGTH) {
			throw ErrorCode.API_HEADER_INVALID
				.exception("The RequestId header is longer than " + RequestIds.MAX_LENGTH + " characters.");
		}
		return new ApiCaller(principal.orgId(), principal.orgKey(), principal.userId(), principal.username(),
				principal.consumerKey(), authorizationContext, contextType);
	}

	/** The optional {@code AuthorizationContextType} header, in any letter case; any other value is 10093. */
	private static AuthorizationContextType contextType(HttpServletRequest request) {
		String value = request.getHeader(AuthorizationContextType.HEADER);
		if (value == null) {
			return null;
		}
		return AuthorizationContextType.parse(value)
			.orElseThrow(() -> ErrorCode.AUTHORIZATION_CONTEXT_TYPE_INVALID.exception("The "
					+ AuthorizationContextType.HEADER + " header must be one of ConversationChannelDefinition, "
					+ "EmbeddedMessagingChannel, ExternalConversationParticipant (any letter case)."));
	}

	private static String required(HttpServletRequest request, String header) {
		String value = request.getHeader(header);
		if (value == null || value.isBlank()) {
			throw ErrorCode.API_HEADER_INVALID.exception("The " + header + " header is missing.");
		}
		return value.trim();
	}

}
