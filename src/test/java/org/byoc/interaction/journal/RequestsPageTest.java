package org.byoc.interaction.journal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's Requests page shows an org's calls with their findings highlighted, and only that org's. */
class RequestsPageTest extends JournalTestBase {

	@Test
	void whenTheConsoleRequestsPageIsOpenedThenItListsTheOrgsCallsWithFindingsHighlighted() {
		PartnerFixture.App app = fixture.partnerA();
		String token = accessToken(app);
		fault(PartnerFixture.ORG_A_KEY, """
				{"id": "page-503", "path": "/api/v1/interactions", "times": 1, "code": 10094}""");
		assertThat(message(app, token, endUser()).statusCode()).isEqualTo(503);
		String endUser = endUser();
		assertThat(message(app, token, endUser).statusCode()).isEqualTo(202);
		message(fixture.partnerB(), accessToken(fixture.partnerB()), "org-b-only-user");

		HttpResponse<String> page = console("/console/requests?org=" + PartnerFixture.ORG_A_KEY + "&path=/api/**");
		HttpResponse<String> filtered = console("/console/requests?org=" + PartnerFixture.ORG_A_KEY
				+ "&finding=injected");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<h1>Requests</h1>")
			.contains("2</strong> calls match")
			.contains("class=\"finding-injected\"")
			.contains("page-503")
			.contains("10094")
			.contains(endUser)
			.doesNotContain("org-b-only-user");
		assertThat(filtered.body()).contains("1</strong> calls match").doesNotContain(endUser);
	}

	private HttpResponse<String> console(String path) {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort + path))
			.header("Accept", "text/html")
			.header("Cookie", "console_admin_token=" + fixture.adminToken())
			.build());
	}

}
