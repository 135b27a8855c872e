package org.byoc.interaction.apispec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import org.byoc.interaction.support.PartnerApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint the API port serves is an operation of openapi/inbound-interaction-api.yaml, and every operation
 * of the spec is served, even where no test calls it.
 */
class SpecCoversEveryEndpointTest extends PartnerApiTestBase {

	/** Not partner API: Spring Boot's error page and springdoc's own Swagger UI configuration. */
	private static final Set<String> NOT_PARTNER_API = Set.of("/error", "/v3/api-docs", "/v3/api-docs.yaml",
			"/v3/api-docs/swagger-config", "/v3/api-docs/{group}", "/v3/api-docs.yaml/{group}", "/swagger-ui.html");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void whenTheApiPortsEndpointsAreListedThenEachIsInTheSpecAndEachOperationIsServed() {
		List<String> served = new ArrayList<>();
		this.mappings.getHandlerMethods().forEach((info, method) -> {
			for (String path : info.getPatternValues()) {
				if (NOT_PARTNER_API.contains(path)) {
					continue;
				}
				Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
				for (RequestMethod requestMethod : methods.isEmpty() ? Set.of(RequestMethod.values()) : methods) {
					served.add(requestMethod.name().toUpperCase(Locale.ROOT) + " " + path);
				}
			}
		});
		List<String> specified = OpenApiContract.load().operations();

		assertThat(served).isNotEmpty();
		assertThat(specified).as("operations of the spec").containsExactlyInAnyOrderElementsOf(served);
	}

}
