package org.byoc.interaction.reliability;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every pooled database connection is in use (the test holds the whole pool): a partner's request waits the pool's
 * connection timeout and is answered 503 saying the service is busy, not that the database is gone; once a
 * connection is free, the partner's retry of the same request is accepted and recorded once.
 */
@TestPropertySource(properties = { "spring.datasource.hikari.maximum-pool-size=2",
		"spring.datasource.hikari.minimum-idle=2", "spring.datasource.hikari.connection-timeout=500" })
class DatabasePoolBusyTest extends PartnerApiTestBase {

	@Autowired
	DataSource dataSource;

	@Test
	void whenEveryConnectionIsBusyThenTheRequestIs503SayingSoAndTheRetryIsAccepted() throws Exception {
		String token = accessToken(fixture.partnerA());
		String endUser = "+1556" + UUID.randomUUID().toString().substring(0, 8);
		String id = UUID.randomUUID().toString();

		HttpResponse<String> refused;
		List<Connection> held = new ArrayList<>();
		try {
			// the event sequencer may already keep one of the two for itself
			HikariPoolMXBean pool = this.dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
			while (pool.getActiveConnections() < 2) {
				held.add(this.dataSource.getConnection());
			}
			refused = message(token, endUser, id);
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
		JsonNode error = json(refused);
		assertThat(error.get("code").asInt()).isEqualTo(503);
		assertThat(error.get("message").asString()).contains("busy").doesNotContain("unavailable");

		HttpResponse<String> retried = message(token, endUser, id);
		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
		HttpResponse<String> again = message(token, endUser, id);
		assertThat(json(again).get("conversationIdentifier").asString())
			.isEqualTo(json(retried).get("conversationIdentifier").asString());
	}

	private HttpResponse<String> message(String token, String endUser, String id) {
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": %d, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "Message", "abstractMessage": {"messageType":
				 "StaticContentMessage", "id": "%s", "staticContent": {"formatType": "Text", "text": "busy?"}}}}]}"""
			.formatted(fixture.partnerA().address(), endUser, System.currentTimeMillis(), id, id));
		return send(apiRequest("/api/v1/interactions", fixture.partnerA(), token)
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
	}

}
