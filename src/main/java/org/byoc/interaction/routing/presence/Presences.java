package org.byoc.interaction.routing.presence;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * Agents' Omni-Channel presence: the status an agent chose (in the console or through the admin API) among the
 * org's presence statuses, or Offline. Stored, so every node sees the same presence; a change is published as
 * {@link PresenceChanged} in its transaction, and the router offers waiting work once it commits.
 */
@Service
public class Presences {

	/** How often a change is tried again when a concurrent change of the same agent came first. */
	private static final int ATTEMPTS = 3;

	private final PresenceRepository repository;

	private final SetupDirectory setup;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	Presences(PresenceRepository repository, SetupDirectory setup, ApplicationEventPublisher publisher, Clock clock) {
		this.repository = repository;
		this.setup = setup;
		this.publisher = publisher;
		this.clock = clock;
	}

	/** The agent's presence (Offline unless set). */
	@Transactional(readOnly = true)
	public AgentPresence presence(String orgId, String userId) {
		Org org = org(orgId);
		Org.AppUser user = user(org, userId);
		return view(org, user.id(), this.repository.find(org.key(), OrgIds.key(user.id())));
	}

	/** Every user of the org with their presence, in the setup's order. */
	@Transactional(readOnly = true)
	public List<AgentPresence> presences(Org org) {
		Map<String, PresenceRepository.Row> rows = new HashMap<>();
		for (PresenceRepository.Row row : this.repository.findAll(org.key())) {
			rows.put(row.userId(), row);
		}
		return org.users()
			.stream()
			.map((user) -> view(org, user.id(), Optional.ofNullable(rows.get(OrgIds.key(user.id())))))
			.toList();
	}

	/**
	 * Sets the agent's status: a presence status of the org, or Offline ({@code statusId} null). Setting the
	 * current status again changes nothing and publishes nothing.
	 */
	@Transactional
	public AgentPresence change(String orgId, String userId, String statusId) {
		Org org = org(orgId);
		Org.AppUser user = user(org, userId);
		Org.PresenceStatus status = null;
		if (statusId != null) {
			status = org.presenceStatus(statusId)
				.orElseThrow(() -> ErrorCode.INVALID_PARAMETERS.exception("'" + statusId
						+ "' is not a presence status of org " + org.key() + (org.modelsPresence()
								? " (its statuses: " + String.join(", ", org.presenceStatuses().stream()
									.map((s) -> s.id() + " " + s.name()).toList()) + ")."
								: "; the org's setup declares no presenceStatuses.")));
		}
		String userKey = OrgIds.key(user.id());
		String wanted = (status != null) ? OrgIds.key(status.id()) : null;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Optional<PresenceRepository.Row> current = this.repository.find(org.key(), userKey);
			AgentPresence before = view(org, user.id(), current);
			if (current.isPresent() && java.util.Objects.equals(current.get().statusId(), wanted)
					|| current.isEmpty() && wanted == null) {
				return before;
			}
			Instant now = this.clock.instant();
			if (this.repository.changeStatus(org.key(), userKey, current, wanted, now)) {
				AgentPresence after = view(org, user.id(), this.repository.find(org.key(), userKey));
				this.publisher.publishEvent(new PresenceChanged(org.key(), user.id(), before, after));
				return after;
			}
		}
		throw ErrorCode.CONVERSATION_PROCESSING_ABORTED
			.exception("The presence of user " + user.id() + " changed at the same time; retry.");
	}

	/** The router offered the agent work: they are no longer the longest idle. */
	@Transactional
	public void noteRouted(String orgKey, String userId, Instant at) {
		this.repository.noteRouted(orgKey, OrgIds.key(userId), at);
	}

	private static AgentPresence view(Org org, String userId, Optional<PresenceRepository.Row> row) {
		if (row.isEmpty()) {
			return new AgentPresence(org.key(), userId, null, null, null);
		}
		Org.PresenceStatus status = (row.get().statusId() != null) ? org.presenceStatus(row.get().statusId())
			.orElse(null) : null;
		return new AgentPresence(org.key(), userId, status, row.get().changedAt(), row.get().lastRoutedAt());
	}

	/** The org, as presence calls refuse an unknown one (10089). */
	public Org org(String orgId) {
		return this.setup.org(orgId)
			.orElseThrow(() -> ErrorCode.INVALID_PARAMETERS.exception("No org " + OrgIds.key(orgId) + "."));
	}

	private static Org.AppUser user(Org org, String userId) {
		return org.userById(userId)
			.orElseThrow(() -> ErrorCode.USER_ID_INVALID.exception("No user " + userId + " in org " + org.key() + "."));
	}

}
