-- Routing: pending service routings (PSR), agent work and consent. Rules that must hold under concurrency are
-- unique keys on columns that are set only while a row is live and null afterwards (several nulls never collide,
-- on H2 and PostgreSQL alike): one open PSR per conversation, one active AgentWork per (user, work item).
create table pending_service_routing (
    id                          varchar(15)   not null primary key,
    org_key                     varchar(15)   not null,
    conversation_identifier     varchar(36)   not null,
    work_item_id                varchar(15)   not null,
    channel_developer_name      varchar(255)  not null,
    routing_type                varchar(20)   not null,
    origin                      varchar(20)   not null,
    flow_id                     varchar(18),
    queue_id                    varchar(18),
    user_id                     varchar(18),
    routing_attributes          varchar(100000) not null,
    routing_correlation_id      varchar(36)   not null,
    status                      varchar(20)   not null,
    open_conversation           varchar(36),
    cancel_reason               varchar(20),
    result_message              varchar(4000),
    externally_routed           boolean,
    created_at                  timestamp     not null,
    closed_at                   timestamp,
    constraint uq_psr_open unique (open_conversation)
);

create index ix_psr_conversation on pending_service_routing (conversation_identifier);
create index ix_psr_org_status on pending_service_routing (org_key, status);

create table agent_work (
    id                          varchar(15)   not null primary key,
    org_key                     varchar(15)   not null,
    user_id                     varchar(15)   not null,
    work_item_id                varchar(15)   not null,
    conversation_identifier     varchar(36)   not null,
    psr_id                      varchar(15),
    routing_type                varchar(20)   not null,
    routing_correlation_id      varchar(36),
    capacity_percentage         double precision,
    capacity_weight             double precision,
    transfer_visible            boolean,
    conference_visible          boolean,
    status                      varchar(20)   not null,
    active_key                  varchar(31),
    created_at                  timestamp     not null,
    accepted_at                 timestamp,
    closed_at                   timestamp,
    constraint uq_agent_work_active unique (active_key)
);

create index ix_agent_work_user on agent_work (org_key, user_id, status);
create index ix_agent_work_conversation on agent_work (conversation_identifier);

create table consent (
    org_key                     varchar(15)   not null,
    channel_address_identifier  varchar(240)  not null,
    end_user_client_id          varchar(255)  not null,
    consent_status              varchar(20)   not null,
    updated_at                  timestamp     not null,
    primary key (org_key, channel_address_identifier, end_user_client_id)
);
