package org.byoc.interaction.agent.console;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

import org.byoc.interaction.routing.presence.Presences;
import org.byoc.interaction.support.ConsoleCsrf;
import org.byoc.interaction.support.OmniOrg;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desk's status selector as a plain form and as an htmx request: a status of the org is set (read back through
 * the presence service the admin API uses), anything else is refused in the page's message area and changes nothing.
 */
class ConsolePresenceFormTest extends PartnerApiTestBase {

	@LocalManagementPort
	int managementPort;

	@Autowired
	Presences presences;

	@Test
	void whenAStatusIsChosenThenItIsSetAndAnUnknownOneIsRefusedWithoutAChange() {
		OmniOrg org = OmniOrg.create(fixture, this.managementPort);
		String desk = "/console/orgs/" + org.orgId() + "/agents/" + org.ada() + "/";

		HttpResponse<String> plain = form(desk + "presence", "statusId=" + org.status(OmniOrg.AVAILABLE), false);
		assertThat(plain.statusCode()).isEqualTo(302);
		assertThat(plain.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith(desk));
		assertThat(this.presences.presence(org.orgId(), org.ada()).statusName()).isEqualTo(OmniOrg.AVAILABLE);

		HttpResponse<String> htmx = form(desk + "presence", "statusId=" + org.status(OmniOrg.BREAK), true);
		assertThat(htmx.statusCode()).isEqualTo(200);
		assertThat(htmx.body()).contains("id=\"presence-status\"").contains(OmniOrg.BREAK);

		HttpResponse<String> unknown = form(desk + "presence", "statusId=0N5000000000000", true);
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.headers().firstValue("HX-Retarget")).contains("#flash");
		assertThat(unknown.body()).contains("is not a presence status of org").contains("10089");
		assertThat(this.presences.presence(org.orgId(), org.ada()).statusName()).isEqualTo(OmniOrg.BREAK);

		assertThat(form(desk + "presence", "statusId=", true).statusCode()).isEqualTo(200);
		assertThat(this.presences.presence(org.orgId(), org.ada()).isOffline()).isTrue();
	}

	@Test
	void whenTheOrgDeclaresNoStatusesThenTheDeskSaysSoAndOnlyOfflineIsAccepted() {
		String desk = "/console/orgs/" + PartnerFixture.ORG_A_ID + "/agents/" + PartnerFixture.AGENT_A_ID + "/";
		HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(management(desk)))
			.header("Cookie", cookie())
			.header("Accept", "text/html")
			.build());
		assertThat(page.body()).contains("declares no presence statuses").doesNotContain("id=\"presence-status\"");

		assertThat(form(desk + "presence", "statusId=0N5000000000000", true).statusCode()).isEqualTo(400);
		assertThat(form(desk + "presence", "statusId=", true).statusCode()).isEqualTo(200);
	}

	/** Posts as the page does: a plain form carries the CSRF token as a field, htmx sends it as a header. */
	private HttpResponse<String> form(String path, String body, boolean htmx) {
		ConsoleCsrf csrf = ConsoleCsrf.fetch(this.managementPort);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(management(path)))
			.header("Cookie", cookie() + "; " + csrf.cookie())
			.header("Content-Type", "application/x-www-form-urlencoded");
		if (htmx) {
			request.header("HX-Request", "true").header(csrf.header(), csrf.token());
			request.POST(HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.POST(HttpRequest.BodyPublishers.ofString(body.isEmpty() ? csrf.formField()
					: body + "&" + csrf.formField()));
		}
		return send(request.build());
	}

	private String management(String path) {
		return "http://localhost:" + this.managementPort + path;
	}

	private static String cookie() {
		return "console_admin_token=" + fixture.adminToken();
	}

}
