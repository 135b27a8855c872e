package org.byoc.interaction.routing;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10026 from a real cause: a rep works on a conversation whose channel an operator has since removed from the
 * setup; transferring it needs the channel's routing, which is gone.
 */
class RemovedChannelApiTest extends RoutingApiTestBase {

	@Test
	void whenTheConversationsChannelLeftTheSetupThenATransferIsRefusedWith10026() {
		Started conversation = startConversation(fixture.keywordsA());
		HttpResponse<String> assigned = post("/api/v1/agentWork", conversation.app(), """
				{"userId": "%s", "workItemId": "%s", "capacityWeight": 1,
				 "routingContext": {"conversationIdentifier": "%s", "routingType": "Initial",
				  "routingCorrelationId": "%s"}}""".formatted(PartnerFixture.AGENT_A_ID, conversation.workItemId(),
				conversation.conversationIdentifier(), uuid()));
		assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(202);
		String agentWork = json(assigned).get("agentWorkId").asString();
		String desk = "/admin/api/orgs/" + partnerA().orgKey() + "/agents/" + PartnerFixture.AGENT_A_ID;
		agent("POST", desk + "/work/" + agentWork + "/accept", null);

		ObjectNode original = orgA();
		ObjectNode without = original.deepCopy();
		ArrayNode channels = (ArrayNode) without.get("channels");
		for (int i = channels.size() - 1; i >= 0; i--) {
			if (channels.get(i).get("developerName").asString().equals(PartnerFixture.KEYWORDS_CHANNEL)) {
				channels.remove(i);
			}
		}
		try {
			apply(without);
			assertRefused(admin("POST", desk + "/conversations/" + conversation.conversationIdentifier() + "/transfer",
					"{\"queueId\": \"" + PartnerFixture.QUEUE_A + "\"}"), 400, 10026);
		}
		finally {
			apply(original);
		}
	}

	private ObjectNode orgA() {
		for (JsonNode org : json(admin("GET", "/admin/api/setup", null)).get("orgs")) {
			if (org.get("id").asString().startsWith(partnerA().orgKey())) {
				return (ObjectNode) org;
			}
		}
		throw new AssertionError("org A is not in the setup");
	}

	private void apply(ObjectNode org) {
		HttpResponse<String> applied = admin("PUT", "/admin/api/setup", "{\"orgs\": [" + org + "]}");
		assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
	}

}
