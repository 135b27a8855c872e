-- What several nodes on one database must agree on (issue 19).

-- The per-org API rate limit on PostgreSQL: one Bucket4j token bucket per org (its serialized state), taken with
-- SELECT ... FOR UPDATE by whichever node a request lands on, so the nodes together admit the limit once.
create table rate_limit_bucket (
    id      varchar(64) not null primary key,
    state   bytea
);

-- Admin tokens signed out of the console, by SHA-256: refused by every node until they expire.
create table revoked_admin_token (
    token_hash  varchar(64) not null primary key,
    expires_at  bigint      not null
);
