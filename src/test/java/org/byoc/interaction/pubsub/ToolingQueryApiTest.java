package org.byoc.interaction.pubsub;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.setup.RecordIds;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Tooling API query of the npm Pub/Sub client over HTTP, on the API port: answered in jsforce's shape for the
 * caller's org only, by developer name and by 15- or 18-character id; everything else refused with the vendor's REST
 * error list.
 */
class ToolingQueryApiTest extends ManagedSubscriptionTestBase {

	static final String SELECT = "SELECT Id, DeveloperName, Metadata FROM ManagedEventSubscription WHERE ";

	@Test
	void whenTheClientsQueryNamesASubscriptionThenItsRecordComesBackAsJsforceReadsIt() {
		String name = uniqueName("Lookup");
		JsonNode created = createManaged(name, "\"defaultReplay\": \"EARLIEST\", \"label\": \"Order events\"");
		String id18 = RecordIds.to18(created.get("id").asString());

		HttpResponse<String> byName = query(fixture.partnerA(), SELECT + "DeveloperName='" + name + "' LIMIT 1", true);

		assertThat(byName.statusCode()).as(byName.body()).isEqualTo(200);
		JsonNode answer = json(byName);
		assertThat(answer.get("size").asInt()).isEqualTo(1);
		assertThat(answer.get("totalSize").asInt()).isEqualTo(1);
		assertThat(answer.get("done").asBoolean()).isTrue();
		JsonNode record = answer.at("/records/0");
		assertThat(record.at("/attributes/type").asString()).isEqualTo("ManagedEventSubscription");
		assertThat(record.at("/attributes/url").asString())
			.isEqualTo("/services/data/v62.0/tooling/sobjects/ManagedEventSubscription/" + id18);
		assertThat(record.get("Id").asString()).isEqualTo(id18).startsWith("18x");
		assertThat(record.get("DeveloperName").asString()).isEqualTo(name);
		assertThat(record.at("/Metadata/topicName").asString()).isEqualTo(TOPIC);
		assertThat(record.at("/Metadata/state").asString()).isEqualTo("RUN");
		assertThat(record.at("/Metadata/defaultReplay").asString()).isEqualTo("EARLIEST");
		assertThat(record.at("/Metadata/errorRecoveryReplay").asString()).isEqualTo("LATEST");
		assertThat(record.at("/Metadata/label").asString()).isEqualTo("Order events");

		for (String id : new String[] { id18, created.get("id").asString() }) {
			HttpResponse<String> byId = query(fixture.partnerA(), SELECT + "Id='" + id + "' LIMIT 1", false);
			assertThat(byId.statusCode()).as(byId.body()).isEqualTo(200);
			assertThat(json(byId).at("/records/0/DeveloperName").asString()).isEqualTo(name);
		}
	}

	@Test
	void whenNothingMatchesOrTheSubscriptionIsAnotherOrgsThenTheAnswerIsEmpty() {
		String name = uniqueName("Private");
		createManaged(name, null);

		for (PartnerFixture.App caller : new PartnerFixture.App[] { fixture.partnerB(), fixture.partnerA() }) {
			String filter = (caller == fixture.partnerB()) ? name : "Nobody_Has_This";
			HttpResponse<String> empty = query(caller, SELECT + "DeveloperName='" + filter + "' LIMIT 1", true);
			assertThat(empty.statusCode()).as(empty.body()).isEqualTo(200);
			assertThat(json(empty).get("size").asInt()).isZero();
			assertThat(json(empty).get("records")).isEmpty();
		}
	}

	@Test
	void whenTheQueryIsNotTheNarrowFormThenItIsRefusedTheVendorsWay() {
		assertRefused(query(fixture.partnerA(), "SELECT Id FROM Account", true), 400, "INVALID_TYPE");
		assertRefused(query(fixture.partnerA(), "SELECT Id, Secret FROM ManagedEventSubscription", true), 400,
				"INVALID_FIELD");
		assertRefused(query(fixture.partnerA(), SELECT + "DeveloperName LIKE 'A%'", true), 400, "MALFORMED_QUERY");
		assertRefused(query(fixture.partnerA(), SELECT + "DeveloperName='x' OR Id != null", true), 400,
				"MALFORMED_QUERY");
		assertRefused(query(fixture.partnerA(), "DELETE FROM ManagedEventSubscription", true), 400, "MALFORMED_QUERY");
		assertRefused(send(HttpRequest.newBuilder(URI.create(baseUrl() + "/services/data/v62.0/tooling/query/"))
			.header("Authorization", "Bearer " + accessToken(fixture.partnerA()))
			.build()), 400, "MALFORMED_QUERY");
		// Metadata may only come back for one row at a time, as the vendor's Tooling API has it
		createManaged(uniqueName("One"), null);
		createManaged(uniqueName("Two"), null);
		assertRefused(query(fixture.partnerA(), "SELECT Id, Metadata FROM ManagedEventSubscription", true), 400,
				"MALFORMED_QUERY");
		HttpResponse<String> all = query(fixture.partnerA(), "select Id, DeveloperName from ManagedEventSubscription",
				true);
		assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
		assertThat(json(all).get("size").asInt()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void whenTheTokenIsMissingOrInvalidThenTheSessionIsRefused() {
		String url = baseUrl() + "/services/data/v62.0/tooling/query/?q="
				+ URLEncoder.encode(SELECT + "DeveloperName='x'", StandardCharsets.UTF_8);
		assertRefused(send(HttpRequest.newBuilder(URI.create(url)).build()), 401, "INVALID_SESSION_ID");
		assertRefused(send(HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + fixture.partnerA().orgKey() + "!forged")
			.build()), 401, "INVALID_SESSION_ID");
		assertRefused(send(HttpRequest.newBuilder(URI.create(url.replace("v62.0", "latest")))
			.header("Authorization", "Bearer " + accessToken(fixture.partnerA()))
			.build()), 404, "NOT_FOUND");
	}

	private HttpResponse<String> query(PartnerFixture.App caller, String soql, boolean trailingSlash) {
		String url = baseUrl() + "/services/data/v62.0/tooling/query" + (trailingSlash ? "/" : "") + "?q="
				+ URLEncoder.encode(soql, StandardCharsets.UTF_8);
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + accessToken(caller))
			.build());
	}

	private static void assertRefused(HttpResponse<String> response, int status, String errorCode) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode errors = json(response);
		assertThat(errors.isArray()).isTrue();
		assertThat(errors.at("/0/errorCode").asString()).isEqualTo(errorCode);
		assertThat(errors.at("/0/message").asString()).isNotBlank();
	}

}
