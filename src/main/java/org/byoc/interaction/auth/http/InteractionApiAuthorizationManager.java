package org.byoc.interaction.auth.http;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import org.byoc.interaction.auth.token.AccessTokenPrincipal;
import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.AuthorizationContextType;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.InteractionApiException;
import org.byoc.interaction.setup.BotIntegration;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.web.RequestIds;

/**
 * What an authenticated access token may do on {@code /api/v1/**} (contract §A.2, §A.3, §E), checked in the vendor's
 * order so a caller learns about the most fundamental fault first: the {@code interaction_api} scope (10003), the
 * token's org as {@code OrgId} (10016 when missing, 10004 when another org's), a valid
 * {@code AuthorizationContextType} when sent (10093), an {@code AuthorizationContext} of the token's app: one of its
 * channels, or one of its bot integrations when the type says ExternalConversationParticipant (10016, 10005), and a
 * {@code RequestId} (10016). A granted request carries its {@link ApiCaller} onward; a refusal carries its contract
 * error to {@link InteractionApiRefusalHandler}.
 */
public final class InteractionApiAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

	static final String ORG_ID_HEADER = "OrgId";

	static final String AUTHORIZATION_CONTEXT_HEADER = "AuthorizationContext";

	private final SetupDirectory directory;

	public InteractionApiAuthorizationManager(SetupDirectory directory) {
		this.directory = directory;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		Authentication caller = authentication.get();
		if (caller == null || !(caller.getPrincipal() instanceof AccessTokenPrincipal principal)) {
			// anonymous: the entry point says the Authorization header is missing
			return new AuthorizationDecision(false);
		}
		HttpServletRequest request = context.getRequest();
		try {
			request.setAttribute(ApiCaller.REQUEST_ATTRIBUTE, admit(principal, request));
			return new AuthorizationDecision(true);
		}
		catch (InteractionApiException refused) {
			return new Refusal(refused);
		}
	}

	private ApiCaller admit(AccessTokenPrincipal principal, HttpServletRequest request) {
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

	/** A denial that knows the contract's answer. */
	static final class Refusal extends AuthorizationDecision {

		private final InteractionApiException error;

		Refusal(InteractionApiException error) {
			super(false);
			this.error = error;
		}

		InteractionApiException error() {
			return this.error;
		}

	}

}
