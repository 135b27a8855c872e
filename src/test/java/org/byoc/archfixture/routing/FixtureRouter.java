package org.byoc.archfixture.routing;

import jakarta.servlet.http.HttpServletRequest;

/** Domain code that wrongly speaks servlet (ModuleBoundariesTest). */
public class FixtureRouter {

	public String route(HttpServletRequest request) {
		return request.getHeader("RequestId");
	}

}
