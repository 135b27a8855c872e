-- Which schemas each org's topic has used (never deleted, like event_schema): GetSchema serves an org the schemas
-- of its own topics, old ones included, with one key lookup. Filled from the events stored so far.
create table topic_schema (
    org_key       varchar(15)      not null,
    topic         varchar(255)     not null,
    schema_id     varchar(64)      not null,
    primary key (org_key, topic, schema_id)
);

insert into topic_schema (org_key, topic, schema_id)
    select distinct org_key, topic, schema_id from outbound_event;
