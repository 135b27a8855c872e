package org.byoc.archfixture.routing;

import jakarta.servlet.http.HttpServletRequest;

/** An edge adapter, which may use servlet types (ModuleBoundariesTest). */
public class FixtureRoutingController {

	public String handle(HttpServletRequest request) {
		return request.getRequestURI();
	}

}
