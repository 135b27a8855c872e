package org.byoc.interaction.agent.console;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

import org.byoc.interaction.support.PartnerApiTestBase;

class ScratchDumpTest extends PartnerApiTestBase {

	@LocalManagementPort
	int managementPort;

	@Test
	void dump() {
		String token = accessToken(fixture.partnerA());
		String id = java.util.UUID.randomUUID().toString();
		org.byoc.interaction.support.Multipart body = org.byoc.interaction.support.Multipart.of().json("""
				{"to": "%s", "from": "+15550001", "interactions": [{"timestamp": 1, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "Message", "abstractMessage": {"messageType":
				 "StaticContentMessage", "id": "%s", "staticContent": {"formatType": "Text", "text": "hi"}}}}]}"""
			.formatted(fixture.partnerA().address(), id, id));
		var accepted = send(apiRequest("/api/v1/interactions", fixture.partnerA(), token)
			.header("Content-Type", body.contentType()).POST(body.publisher()).build());
		String conversation = json(accepted).get("conversationIdentifier").asString();
		for (String path : new String[] { ConsoleBrowserTest.DESK + "conversations/" + conversation }) {
			var r = send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort + path))
				.header("Cookie", "console_admin_token=" + fixture.adminToken())
				.header("Accept", "text/html")
				.build());
			System.out.println("=== " + path + " " + r.statusCode() + "\n" + r.body());
		}
	}

}
