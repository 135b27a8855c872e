-- The test kit's delayEvents fault: an event stored now (durable, in the writer's transaction) that the sequencer
-- numbers, and subscribers see, only from visible_after on (epoch milliseconds). Null for every other event.
alter table outbound_event add column visible_after bigint;
