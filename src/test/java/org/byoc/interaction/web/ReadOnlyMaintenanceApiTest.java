package org.byoc.interaction.web;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10019 from a real cause: an operator puts org A into read-only maintenance through the admin API. Its writes are
 * refused with 503, 10019 and Retry-After (in each endpoint's own error shape), its reads and other orgs go on; the
 * state lives in the database, so a node notices another node ending it; ended, the partner's retry succeeds.
 */
class ReadOnlyMaintenanceApiTest extends ContractCodesTestBase {

	@Autowired
	JdbcClient jdbc;

	String maintenance() {
		return "/admin/api/orgs/" + fixture.partnerA().orgKey() + "/maintenance";
	}

	@Test
	void whenAnOrgIsInReadOnlyMaintenanceThenItsWritesAre503With10019AndItsReadsGoOn() {
		PartnerFixture.App partner = fixture.partnerA();
		String endUser = newEndUser();
		JsonNode started = endUserWrites(partner, endUser);
		String retried = textMessage(uuid(), "written during the maintenance");
		try {
			HttpResponse<String> on = admin("PUT", maintenance(), """
					{"readOnly": true, "message": "Org migration to a new instance", "retryAfterSeconds": 120}""");
			assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
			assertThat(json(on).get("readOnly").asBoolean()).isTrue();
			assertThat(json(admin("GET", maintenance(), null)).get("retryAfterSeconds").asInt()).isEqualTo(120);

			HttpResponse<String> write = interaction(partner, endUser, retried);
			assertRefused(write, 503, 10019);
			assertThat(write.headers().firstValue("Retry-After")).hasValue("120");
			assertThat(json(write).get("message").asString()).contains("Org migration to a new instance");
			HttpResponse<String> consent = consent(partner, endUser, partner.address());
			assertRefusedInEnvelope(consent, 503, 10019);
			assertThat(consent.headers().firstValue("Retry-After")).hasValue("120");

			HttpResponse<String> read = call("GET", "/api/v1/conversationEntry?conversationIdentifier="
					+ started.get("conversationIdentifier").asString() + "&startTime=1", fixture.botA(), null,
					"AuthorizationContextType", "ExternalConversationParticipant");
			assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
			assertThat(json(read).get("conversationEntries")).hasSize(1);
			assertThat(interaction(fixture.partnerB(), newEndUser(), textMessage(uuid(), "org B")).statusCode())
				.isEqualTo(202);
		}
		finally {
			admin("DELETE", maintenance(), null);
		}
		assertThat(json(admin("GET", maintenance(), null)).get("readOnly").asBoolean()).isFalse();
		HttpResponse<String> afterwards = interaction(partner, endUser, retried);
		assertThat(afterwards.statusCode()).as(afterwards.body()).isEqualTo(202);
	}

	@Test
	void whenAnotherNodeEndsTheMaintenanceInTheDatabaseThenThisNodeServesWritesAgain() throws Exception {
		PartnerFixture.App partner = fixture.partnerA();
		try {
			assertThat(admin("PUT", maintenance(), "{\"readOnly\": true}").statusCode()).isEqualTo(200);
			assertRefused(interaction(partner, newEndUser(), textMessage(uuid(), "refused")), 503, 10019);
			assertThat(this.jdbc.sql("select count(*) from org_maintenance where org_key = ?")
				.param(partner.orgKey())
				.query(Long.class)
				.single()).isEqualTo(1);

			// what another node's DELETE does; this node learns it from the database
			this.jdbc.sql("delete from org_maintenance where org_key = ?").param(partner.orgKey()).update();
			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			int status;
			do {
				Thread.sleep(200);
				status = interaction(partner, newEndUser(), textMessage(uuid(), "accepted")).statusCode();
			}
			while (status == 503 && System.nanoTime() < deadline);
			assertThat(status).isEqualTo(202);
		}
		finally {
			admin("DELETE", maintenance(), null);
		}
	}

	@Test
	void whenTheMaintenanceRequestIsBadThenItIsRefusedAndNothingStarts() {
		assertRefused(admin("PUT", maintenance(), "{}"), 400, 10089);
		assertRefused(admin("PUT", maintenance(), "{\"readOnly\": \"yes\"}"), 400, 10089);
		assertRefused(admin("PUT", maintenance(), "{\"readOnly\": true, \"retryAfterSeconds\": 0}"), 400, 10089);
		assertRefused(admin("PUT", maintenance(), "{\"readOnly\": true, \"message\": 42}"), 400, 10089);
		assertRefused(admin("PUT", maintenance(), "not json"), 400, 10089);
		assertRefused(admin("PUT", maintenance(), ""), 400, 10100);
		assertRefused(admin("PUT", "/admin/api/orgs/00D5g000000None/maintenance", "{\"readOnly\": true}"), 404, 404);
		assertThat(json(admin("GET", maintenance(), null)).get("readOnly").asBoolean()).isFalse();
	}

}
