-- The position of each managed Pub/Sub subscription (ManagedSubscribe): the last replay id its client committed.
-- The subscriptions themselves are part of the org's setup; a row outlives its subscription only until an operator
-- deletes the subscription through the admin API, and a new subscription never reuses an id.
create table managed_subscription_commit (
    org_key           varchar(15) not null,
    subscription_id   varchar(15) not null,
    replay_id         bigint      not null,
    committed_at      bigint      not null,
    primary key (org_key, subscription_id)
);
