package org.byoc.archfixture.routing;

import java.io.IOException;
import java.io.InputStream;

import org.byoc.archfixture.contract.ApiCaller;
import org.byoc.archfixture.conversation.internal.FixtureRepository;

/**
 * A service that wrongly takes request bytes, a request stream and the API caller, and reaches into another
 * module's internal package (ModuleBoundariesTest).
 */
public class FixtureRoutingService {

	public int accept(byte[] body) {
		return body.length;
	}

	public int read(InputStream body) throws IOException {
		return body.read();
	}

	public String route(ApiCaller caller, String conversation) {
		return caller.orgId() + conversation + new FixtureRepository().find();
	}

	public String typed(String conversation) {
		return conversation;
	}

}
