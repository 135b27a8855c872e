-- Scripted agents (issue 17, §3): how far each scripted agent's work got. One row per agent work; locked while the
-- agent takes a step, so several nodes never answer the same message twice.
create table scripted_agent_turn (
    agent_work_id               varchar(15)   not null primary key,
    org_key                     varchar(15)   not null,
    conversation_identifier     varchar(36)   not null,
    user_id                     varchar(15)   not null,
    handled                     int           not null,
    replies                     int           not null,
    typing_entry_id             varchar(255),
    reply_due_at                bigint,
    transferred                 boolean       not null default false,
    last_activity_at            bigint        not null
);

create index ix_scripted_turn_org on scripted_agent_turn (org_key);

-- Clean slates (issue 17, §4): an org's event log was reset (or restored) at this replay id; a subscriber's replay
-- id at or below it belongs to the log before and is refused.
create table org_log_reset (
    org_key                     varchar(15)   not null primary key,
    reset_through               bigint        not null,
    generation                  bigint        not null,
    reset_at                    bigint        not null
);

-- Snapshots of an org's state: every row of the org's tables, as JSON, and its attachments' bytes.
create table org_snapshot (
    org_key                     varchar(15)   not null,
    name                        varchar(100)  not null,
    created_at                  bigint        not null,
    content                     text          not null,
    primary key (org_key, name)
);
