-- Omni-Channel-like routing: agents' presence, queued work offered to them, and the lock that serializes an org's
-- queue moves across nodes. Versioned 14.1 (issue 14, part 1) so parallel branches' migrations do not collide.

-- An agent's current presence status; no row, or a null status, is Offline. last_routed_at: when the router last
-- offered the agent work (the longest idle agent gets work first).
create table agent_presence (
    org_key                     varchar(15)   not null,
    user_id                     varchar(15)   not null,
    status_id                   varchar(15),
    changed_at                  timestamp     not null,
    last_routed_at              timestamp,
    primary key (org_key, user_id)
);

-- One row per org, updated at the start of every queue move of the org: the row lock makes the moves of one org
-- (offers, time-outs, queue positions) happen one after the other on every node sharing the database.
create table routing_queue_lock (
    org_key                     varchar(15)   not null primary key,
    version                     bigint        not null
);

-- salesforce_routed: the service's router routes the PSR (the channel's routingOwner was Salesforce when it opened).
-- routed_at: when the router first saw it. queue_position: the position last announced (QueuePosition), null
-- while the PSR does not wait in a queue (offered to an agent, closed, or never queued).
alter table pending_service_routing add column salesforce_routed boolean default false not null;
alter table pending_service_routing add column routed_at timestamp;
alter table pending_service_routing add column queue_position integer;

create index ix_psr_status_routed on pending_service_routing (status, salesforce_routed);

-- push_timeout_at: set on work the router offered (pushed); an offer still Assigned then goes back to the queue.
alter table agent_work add column push_timeout_at timestamp;
alter table agent_work alter column status set data type varchar(30);

create index ix_agent_work_push on agent_work (status, push_timeout_at);
create index ix_agent_work_psr on agent_work (psr_id);
