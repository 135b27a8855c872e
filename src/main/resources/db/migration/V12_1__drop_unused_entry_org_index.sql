-- Every transcript entry paid for an index on its org that no query reads (entries are always read by conversation,
-- entry id or seq): one more index page to change per entry and, on H2, to write at every group commit.
-- Numbered 12.1 so that it cannot collide with a V13 added on another branch meanwhile.
drop index ix_entry_org;
