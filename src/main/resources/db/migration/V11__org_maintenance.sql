-- Orgs an operator put into read-only maintenance (admin API): partner writes are refused with 10019 until the row
-- is gone. Kept in the database so that every node sharing it refuses them.
create table org_maintenance (
    org_key               varchar(15)   not null primary key,
    message               varchar(1000),
    retry_after_seconds   int           not null,
    started_at            bigint        not null
);
