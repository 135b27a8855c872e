package org.byoc.interaction.routing;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.OmniOrg;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.byoc.interaction.routing.RoutingEndToEndTest.assertInteraction;

/** Routing tests on an org of their own ({@link OmniOrg}), created through the admin API before each test. */
abstract class QueueRoutingTestBase extends RoutingApiTestBase {

	OmniOrg org;

	@Autowired
	QueueEngine queueEngine;

	@BeforeEach
	void newOrg() {
		this.org = OmniOrg.create(fixture, this.managementPort);
	}

	/** Sets the agent's presence through the admin API: a status name of the org, or Offline. */
	JsonNode presence(String userId, String status) {
		String body = status.equals("Offline") ? "{\"status\": \"Offline\"}"
				: "{\"statusId\": \"%s\"}".formatted(this.org.status(status));
		return agent("PUT", presencePath(userId), body);
	}

	String presencePath(String userId) {
		return "/admin/api/orgs/%s/agents/%s/presence".formatted(this.org.orgId(), userId);
	}

	String workPath(String userId, String agentWorkId, String action) {
		return "/admin/api/orgs/%s/agents/%s/work/%s/%s".formatted(this.org.orgId(), userId, agentWorkId, action);
	}

	/**
	 * Routes the org now, as the sweep would: routing after a commit runs on the router's threads, so a test that
	 * looks at offers or queues first lets every committed change be routed.
	 */
	void settle() {
		this.queueEngine.route(this.org.orgId());
	}

	/** The user's active work as the admin API lists it, once every committed change is routed. */
	List<JsonNode> activeWork(String userId) {
		settle();
		JsonNode work = agent("GET", "/admin/api/orgs/%s/agents/%s/work".formatted(this.org.orgId(), userId), null)
			.get("work");
		return work.valueStream().toList();
	}

	/** The one work the router offered the user for the conversation; answers its id. */
	String offeredTo(String userId, Started conversation) {
		return activeWork(userId).stream()
			.filter((work) -> work.get("conversationIdentifier").asString().equals(conversation.conversationIdentifier()))
			.filter((work) -> work.get("status").asString().equals("Assigned"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no offer to " + userId + " for " + conversation))
			.get("agentWorkId")
			.asString();
	}

	JsonNode queues() {
		settle();
		return agent("GET", "/admin/api/orgs/%s/queues".formatted(this.org.orgId()), null);
	}

	/** A QueuePosition of the conversation's routing, field by field. */
	void assertPosition(OutboundEvent event, Started conversation, int position) {
		assertInteraction(event, conversation, "QueuePosition");
		JsonNode entry = event.entryPayload();
		PendingServiceRouting psr = psrs(conversation).get(psrs(conversation).size() - 1);
		assertThat(entry.get("pendingServiceRoutingId").asString()).isEqualTo(psr.id());
		assertThat(entry.get("workItemId").asString()).isEqualTo(conversation.workItemId());
		assertThat(entry.get("position").isInt()).isTrue();
		assertThat(entry.get("position").asInt()).as(event.toString()).isEqualTo(position);
		assertThat(event.payload().at("/payload/sender/role").asString()).isEqualTo("Router");
		assertThat(event.payload().at("/payload/sender/subject").asString())
			.isEqualTo(conversation.conversationIdentifier());
	}

	static void assertStatus(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
	}

}
