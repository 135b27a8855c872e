-- The org side (what the vendor keeps in its Setup UI). Each org's setup is kept whole, as the canonical JSON of
-- its part of the setup document, so an export gives back exactly what was applied. Consumer keys get their own
-- table because they must be unique across orgs, which only the database can guarantee between applies.
create table setup_org (
    org_key       varchar(15)   not null primary key,
    org_id        varchar(18)   not null,
    document      varchar(1000000) not null,
    content_hash  varchar(64)   not null,
    revision      bigint        not null,
    updated_at    timestamp     not null
);

create table setup_connected_app (
    consumer_key  varchar(255)  not null primary key,
    org_key       varchar(15)   not null references setup_org (org_key) on delete cascade
);
