package org.byoc.interaction.routing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.routing.PendingServiceRouting;
import org.byoc.interaction.routing.RoutingType;
import org.byoc.interaction.routing.consent.ConsentStatus;
import org.byoc.interaction.routing.work.AgentWork;
import org.byoc.interaction.setup.OrgIds;

/**
 * PSRs, agent work and consent. The "one open PSR per conversation" and "one active AgentWork per (user, work
 * item)" rules are unique keys ({@code open_conversation}, {@code active_key}); inserts use
 * {@code on conflict do nothing} so a lost race is a clean "no" and never poisons the caller's transaction.
 */
@Repository
public class RoutingRepository {

	private static final TypeReference<LinkedHashMap<String, String>> ATTRIBUTES = new TypeReference<>() {
	};

	private static final String PSR_COLUMNS = "id, org_key, conversation_identifier, work_item_id, "
			+ "channel_developer_name, routing_type, origin, flow_id, queue_id, user_id, routing_attributes, "
			+ "routing_correlation_id, status, cancel_reason, result_message, externally_routed, created_at, closed_at, "
			+ "salesforce_routed, queue_position";

	private static final String WORK_COLUMNS = "id, org_key, user_id, work_item_id, conversation_identifier, psr_id, "
			+ "routing_type, routing_correlation_id, capacity_percentage, capacity_weight, transfer_visible, "
			+ "conference_visible, status, created_at, accepted_at, closed_at, push_timeout_at";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	RoutingRepository(JdbcClient jdbc, JsonMapper json) {
		this.json = json;
		this.jdbc = jdbc;
	}

	/** Inserts an open PSR; false when the conversation has an open one already (a concurrent request won). */
	public boolean insertOpenPsr(PendingServiceRouting psr) {
		return this.jdbc.sql("insert into pending_service_routing (" + PSR_COLUMNS + ", open_conversation) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
			.params(psr.id(), psr.orgKey(), psr.conversationIdentifier(), psr.workItemId(),
					psr.channelDeveloperName(), psr.routingType().name(), psr.origin().name(), psr.flowId(),
					psr.queueId(), psr.userId(), this.json.writeValueAsString(psr.routingAttributes()),
					psr.routingCorrelationId(), PendingServiceRouting.Status.Open.name(), null, null, null,
					timestamp(psr.createdAt()), null, psr.salesforceRouted(), null, psr.conversationIdentifier())
			.update() == 1;
	}

	public Optional<PendingServiceRouting> openPsr(String conversationIdentifier) {
		return this.jdbc.sql("select " + PSR_COLUMNS + " from pending_service_routing where open_conversation = ?")
			.param(conversationIdentifier)
			.query(this::psr)
			.optional();
	}

	public Optional<PendingServiceRouting> psr(String orgKey, String psrId) {
		return this.jdbc.sql("select " + PSR_COLUMNS + " from pending_service_routing where org_key = ? and id = ?")
			.params(orgKey, psrId)
			.query(this::psr)
			.optional();
	}

	public List<PendingServiceRouting> openPsrs(String orgKey) {
		return this.jdbc
			.sql("select " + PSR_COLUMNS + " from pending_service_routing where org_key = ? and status = ? "
					+ "order by created_at, id")
			.params(orgKey, PendingServiceRouting.Status.Open.name())
			.query(this::psr)
			.list();
	}

	public List<PendingServiceRouting> psrsOf(String conversationIdentifier) {
		return this.jdbc
			.sql("select " + PSR_COLUMNS + " from pending_service_routing where conversation_identifier = ? "
					+ "order by created_at, id")
			.param(conversationIdentifier)
			.query(this::psr)
			.list();
	}

	/** Closes the PSR if it is still open; false when it was closed already. */
	public boolean closePsr(String psrId, PendingServiceRouting.Status status, String cancelReason, String resultMessage,
			Boolean externallyRouted) {
		return this.jdbc
			.sql("update pending_service_routing set status = ?, open_conversation = null, cancel_reason = ?, "
					+ "result_message = ?, externally_routed = ?, closed_at = ?, queue_position = null "
					+ "where id = ? and status = ?")
			.params(status.name(), cancelReason, resultMessage, externallyRouted, timestamp(Instant.now()), psrId,
					PendingServiceRouting.Status.Open.name())
			.update() == 1;
	}

	/** Records what the partner reported about an open PSR's routing without closing it. */
	public void notePsrResult(String psrId, String resultMessage, Boolean externallyRouted) {
		this.jdbc.sql("update pending_service_routing set result_message = ?, externally_routed = ? where id = ?")
			.params(resultMessage, externallyRouted, psrId)
			.update();
	}

	/** Inserts active work; false when the user has active work on the work item already. */
	public boolean insertWork(AgentWork work) {
		return this.jdbc.sql("insert into agent_work (" + WORK_COLUMNS + ", active_key) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
			.params(work.id(), work.orgKey(), work.userId(), work.workItemId(), work.conversationIdentifier(),
					work.psrId(), work.routingType().name(), work.routingCorrelationId(), work.capacityPercentage(),
					work.capacityWeight(), work.transferVisible(), work.conferenceVisible(), work.status().name(),
					timestamp(work.createdAt()), null, null, timestamp(work.pushTimeoutAt()),
					activeKey(work.userId(), work.workItemId()))
			.update() == 1;
	}

	public Optional<AgentWork> work(String orgKey, String agentWorkId) {
		return this.jdbc.sql("select " + WORK_COLUMNS + " from agent_work where org_key = ? and id = ?")
			.params(orgKey, agentWorkId)
			.query(RoutingRepository::work)
			.optional();
	}

	/** The user's Assigned and Opened work, oldest first. */
	public List<AgentWork> activeWorkOfUser(String orgKey, String userId) {
		return this.jdbc
			.sql("select " + WORK_COLUMNS + " from agent_work where org_key = ? and user_id = ? "
					+ "and active_key is not null order by created_at, id")
			.params(orgKey, userId)
			.query(RoutingRepository::work)
			.list();
	}

	public List<AgentWork> activeWorkOfConversation(String conversationIdentifier) {
		return this.jdbc
			.sql("select " + WORK_COLUMNS + " from agent_work where conversation_identifier = ? "
					+ "and active_key is not null order by created_at, id")
			.param(conversationIdentifier)
			.query(RoutingRepository::work)
			.list();
	}

	public List<AgentWork> workOfConversation(String conversationIdentifier) {
		return this.jdbc
			.sql("select " + WORK_COLUMNS + " from agent_work where conversation_identifier = ? order by created_at, id")
			.param(conversationIdentifier)
			.query(RoutingRepository::work)
			.list();
	}

	/** Moves work to Opened (accepted) or to a final status; false when it was not in {@code from} any more. */
	public boolean changeWork(String agentWorkId, AgentWork.Status from, AgentWork.Status to) {
		if (to == AgentWork.Status.Assigned) {
			throw new IllegalArgumentException("Work never goes back to Assigned");
		}
		String set = (to == AgentWork.Status.Opened) ? "accepted_at = ?" : "active_key = null, closed_at = ?";
		return this.jdbc.sql("update agent_work set status = ?, " + set + " where id = ? and status = ?")
			.params(to.name(), timestamp(Instant.now()), agentWorkId, from.name())
			.update() == 1;
	}

	/**
	 * Takes the org's queue lock until the transaction ends: the row's update lock makes queue moves of one org
	 * happen one after the other, on every node sharing the database.
	 */
	public void lockQueues(String orgKey) {
		String update = "update routing_queue_lock set version = version + 1 where org_key = ?";
		if (this.jdbc.sql(update).param(orgKey).update() == 0) {
			this.jdbc.sql("insert into routing_queue_lock (org_key, version) values (?, 0) on conflict do nothing")
				.param(orgKey)
				.update();
			this.jdbc.sql(update).param(orgKey).update();
		}
	}

	/** The org's open PSRs the service's router routes, oldest first. */
	public List<PendingServiceRouting> openRoutedPsrs(String orgKey) {
		return this.jdbc
			.sql("select " + PSR_COLUMNS + " from pending_service_routing where org_key = ? and status = ? "
					+ "and salesforce_routed = true order by created_at, id")
			.params(orgKey, PendingServiceRouting.Status.Open.name())
			.query(this::psr)
			.list();
	}

	/** The org's Assigned and Opened work, oldest first. */
	public List<AgentWork> activeWorkOfOrg(String orgKey) {
		return this.jdbc
			.sql("select " + WORK_COLUMNS + " from agent_work where org_key = ? and active_key is not null "
					+ "order by created_at, id")
			.param(orgKey)
			.query(RoutingRepository::work)
			.list();
	}

	/** The router's offers still Assigned at {@code now} that should have been answered by then. */
	public List<AgentWork> overduePushes(String orgKey, Instant now) {
		return this.jdbc
			.sql("select " + WORK_COLUMNS + " from agent_work where status = ? and push_timeout_at <= ? "
					+ "and org_key = ? order by push_timeout_at, id")
			.params(AgentWork.Status.Assigned.name(), timestamp(now), orgKey)
			.query(RoutingRepository::work)
			.list();
	}

	/** "psrId:userId" of every rep who declined (or let time out) the org's open routed PSRs. */
	public List<String> declinedOffers(String orgKey) {
		return this.jdbc
			.sql("select w.psr_id, w.user_id from agent_work w join pending_service_routing p on p.id = w.psr_id "
					+ "where p.org_key = ? and p.status = ? and p.salesforce_routed = true and w.status in (?, ?)")
			.params(orgKey, PendingServiceRouting.Status.Open.name(), AgentWork.Status.Declined.name(),
					AgentWork.Status.DeclinedOnPushTimeout.name())
			.query((rs, i) -> rs.getString(1) + ":" + OrgIds.key(rs.getString(2)))
			.list();
	}

	/** Orgs the router must look at: an offer is overdue, or a routed PSR was never seen by the router. */
	public List<String> orgsNeedingRouting(Instant now) {
		return this.jdbc
			.sql("select org_key from agent_work where status = ? and push_timeout_at <= ? union "
					+ "select org_key from pending_service_routing where status = ? and salesforce_routed = true "
					+ "and routed_at is null")
			.params(AgentWork.Status.Assigned.name(), timestamp(now), PendingServiceRouting.Status.Open.name())
			.query((rs, i) -> rs.getString(1))
			.list();
	}

	/** Orgs with open routed PSRs. */
	public List<String> orgsWithRoutedPsrs() {
		return this.jdbc
			.sql("select distinct org_key from pending_service_routing where status = ? and salesforce_routed = true")
			.param(PendingServiceRouting.Status.Open.name())
			.query((rs, i) -> rs.getString(1))
			.list();
	}

	public void markRouted(String orgKey, Instant now) {
		this.jdbc
			.sql("update pending_service_routing set routed_at = ? where org_key = ? and status = ? "
					+ "and salesforce_routed = true and routed_at is null")
			.params(timestamp(now), orgKey, PendingServiceRouting.Status.Open.name())
			.update();
	}

	/** Records the queue position announced for an open PSR (null: it no longer waits in a queue). */
	public boolean setQueuePosition(String psrId, Integer position) {
		return this.jdbc.sql("update pending_service_routing set queue_position = ? where id = ? and status = ?")
			.params(position, psrId, PendingServiceRouting.Status.Open.name())
			.update() == 1;
	}

	public void saveConsent(String orgKey, String addressIdentifier, String endUserClientId, ConsentStatus status) {
		Timestamp now = timestamp(Instant.now());
		int updated = this.jdbc
			.sql("update consent set consent_status = ?, updated_at = ? where org_key = ? "
					+ "and channel_address_identifier = ? and end_user_client_id = ?")
			.params(status.name(), now, orgKey, addressIdentifier, endUserClientId)
			.update();
		if (updated == 0) {
			this.jdbc
				.sql("insert into consent (org_key, channel_address_identifier, end_user_client_id, consent_status, "
						+ "updated_at) values (?, ?, ?, ?, ?) on conflict do nothing")
				.params(orgKey, addressIdentifier, endUserClientId, status.name(), now)
				.update();
		}
	}

	public Optional<ConsentStatus> consent(String orgKey, String addressIdentifier, String endUserClientId) {
		return this.jdbc
			.sql("select consent_status from consent where org_key = ? and channel_address_identifier = ? "
					+ "and end_user_client_id = ?")
			.params(orgKey, addressIdentifier, endUserClientId)
			.query((rs, i) -> ConsentStatus.valueOf(rs.getString(1)))
			.optional();
	}

	private static String activeKey(String userId, String workItemId) {
		return userId + ":" + workItemId;
	}

	private PendingServiceRouting psr(ResultSet rs, int row) throws SQLException {
		Map<String, String> attributes = this.json.readValue(rs.getString(11), ATTRIBUTES);
		return new PendingServiceRouting(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
				rs.getString(5), RoutingType.valueOf(rs.getString(6)),
				PendingServiceRouting.Origin.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9),
				rs.getString(10), attributes, rs.getString(12), PendingServiceRouting.Status.valueOf(rs.getString(13)),
				rs.getString(14), rs.getString(15), (Boolean) rs.getObject(16), rs.getTimestamp(17).toInstant(),
				instant(rs.getTimestamp(18)), rs.getBoolean(19), integer(rs, 20));
	}

	private static AgentWork work(ResultSet rs, int row) throws SQLException {
		return new AgentWork(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), RoutingType.valueOf(rs.getString(7)), rs.getString(8), number(rs, 9), number(rs, 10),
				(Boolean) rs.getObject(11), (Boolean) rs.getObject(12), AgentWork.Status.valueOf(rs.getString(13)),
				rs.getTimestamp(14).toInstant(), instant(rs.getTimestamp(15)), instant(rs.getTimestamp(16)),
				instant(rs.getTimestamp(17)));
	}

	private static Integer integer(ResultSet rs, int column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private static Double number(ResultSet rs, int column) throws SQLException {
		double value = rs.getDouble(column);
		return rs.wasNull() ? null : value;
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
