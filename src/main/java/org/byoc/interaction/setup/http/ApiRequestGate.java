package org.byoc.interaction.setup.http;

import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.setup.maintenance.OrgMaintenance;

/**
 * What the org and the request's form decide before any endpoint runs, once the API door has admitted the caller:
 * an org without the Interaction API permission is refused everything (10099, 403); an org in read-only maintenance
 * is refused every write with 10019 (503 and Retry-After) while reads go on; a caller that accepts no JSON, the only
 * answer this API has, is refused before anything happens (10058) rather than after its request took effect.
 * Thrown from here, a refusal takes the endpoint's own error shape (the consent envelope, for instance).
 */
final class ApiRequestGate implements HandlerInterceptor {

	private final SetupDirectory setup;

	private final OrgMaintenance maintenance;

	ApiRequestGate(SetupDirectory setup, OrgMaintenance maintenance) {
		this.setup = setup;
		this.maintenance = maintenance;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(request.getAttribute(ApiCaller.REQUEST_ATTRIBUTE) instanceof ApiCaller caller)) {
			return true;
		}
		if (!this.setup.org(caller.orgId()).map(Org::features).map(Org.OrgFeatures::interactionApi).orElse(true)) {
			throw ErrorCode.ORG_PERMISSIONS_MISSING.exception("Org " + caller.orgKey()
					+ " lacks the permission to use the Interaction API (Bring Your Own Channel).");
		}
		if (!isRead(request)) {
			this.maintenance.readOnly(caller.orgId()).ifPresent((readOnly) -> {
				response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(readOnly.retryAfter().toSeconds()));
				throw ErrorCode.SERVICE_IN_READ_ONLY_MODE.exception("Org " + caller.orgKey()
						+ " is in read-only maintenance" + ((readOnly.message() != null && !readOnly.message().isBlank())
								? " (" + readOnly.message() + ")" : "")
						+ ": reads are served, writes are refused. Retry after " + readOnly.retryAfter().toSeconds()
						+ " seconds.");
			});
		}
		requireJsonAcceptable(request.getHeader(HttpHeaders.ACCEPT));
		// JSON it is, even when the caller ranks another type higher and some converter could write that
		request.setAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE, Set.of(MediaType.APPLICATION_JSON));
		return true;
	}

	private static boolean isRead(HttpServletRequest request) {
		return HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
	}

	private static void requireJsonAcceptable(String accept) {
		if (accept == null || accept.isBlank()) {
			return;
		}
		List<MediaType> accepted;
		try {
			accepted = MediaType.parseMediaTypes(accept);
		}
		catch (InvalidMediaTypeException ex) {
			throw ErrorCode.CUSTOMER_ERROR.exception("The Accept header '" + accept + "' cannot be read.");
		}
		if (accepted.stream().noneMatch((type) -> type.getQualityValue() > 0
				&& type.isCompatibleWith(MediaType.APPLICATION_JSON))) {
			throw ErrorCode.CUSTOMER_ERROR.exception("The Accept header '" + accept
					+ "' excludes application/json, the only type this API answers with; nothing was done.");
		}
	}

}
