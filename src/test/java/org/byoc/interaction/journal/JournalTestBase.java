package org.byoc.interaction.journal;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.web.server.LocalManagementPort;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the partner API as middleware does and reads the journal and sets faults over the admin API. */
abstract class JournalTestBase extends PartnerApiTestBase {

	@LocalManagementPort
	int managementPort;

	@AfterEach
	void cleanSlate() {
		for (String org : new String[] { PartnerFixture.ORG_A_KEY, PartnerFixture.ORG_B_ID }) {
			admin("PUT", "/admin/api/orgs/" + org + "/strict", "{\"strict\": false}");
			admin("DELETE", "/admin/api/orgs/" + org + "/faults", null);
			admin("DELETE", "/admin/api/orgs/" + org + "/requests", null);
		}
	}

	HttpResponse<String> admin(String method, String path, String body) {
		return adminCall(this.managementPort, method, path, body);
	}

	/** How often the org's first fault rule has acted so far. */
	int firstRuleUsed(String orgId) {
		return json(admin("GET", "/admin/api/orgs/" + orgId + "/faults", null)).get("faults").get(0).get("used").asInt();
	}

	JsonNode journal(String orgId, String query) {
		HttpResponse<String> response = admin("GET", "/admin/api/orgs/" + orgId + "/requests" + query, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response);
	}

	int count(String orgId, String filters) {
		HttpResponse<String> response = admin("POST", "/admin/api/orgs/" + orgId + "/requests/count", filters);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response).get("count").asInt();
	}

	void strict(String orgId, boolean strict) {
		HttpResponse<String> response = admin("PUT", "/admin/api/orgs/" + orgId + "/strict",
				"{\"strict\": " + strict + "}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	JsonNode fault(String orgId, String rule) {
		HttpResponse<String> response = admin("POST", "/admin/api/orgs/" + orgId + "/faults", rule);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json(response);
	}

	/** A text message from the end user, sent now, with the given entry id and RequestId. */
	HttpResponse<String> message(PartnerFixture.App app, String token, String endUser, String entryId,
			String requestId) {
		return send(messageRequest(app, token, endUser, entryId).setHeader("RequestId", requestId).build());
	}

	/** The request of {@link #message}, to be sent as the test needs (a connection the service resets, say). */
	HttpRequest.Builder messageRequest(PartnerFixture.App app, String token, String endUser, String entryId) {
		String json = """
				{"to": "%s", "from": "%s", "interactions": [
				 {"timestamp": %d, "interactionType": "EntryInteraction",
				  "payload": {"id": "%s", "entryType": "Message",
				   "abstractMessage": {"messageType": "StaticContentMessage", "id": "%s",
				    "staticContent": {"formatType": "Text", "text": "Hi there"}}}}]}"""
			.formatted(app.address(), endUser, System.currentTimeMillis(), entryId, entryId);
		Multipart body = Multipart.of().json(json);
		return apiRequest("/api/v1/interactions", app, token).header("Content-Type", body.contentType())
			.POST(body.publisher());
	}

	HttpResponse<String> message(PartnerFixture.App app, String token, String endUser) {
		return message(app, token, endUser, UUID.randomUUID().toString(), UUID.randomUUID().toString());
	}

	static String endUser() {
		return "+1555" + UUID.randomUUID().toString().substring(0, 8);
	}

}
