-- Every action is updated twice after its insert: claimed (lease_until, attempts) and completed
-- (state, result). Neither claim column is indexed, so the claim can be a heap-only (HOT) update
-- that writes no index entries, but only when the row's page has room for the new version; with
-- the default fillfactor of 100 the pages the inserts fill never do, and each claim wrote a new
-- entry into all five of the table's indexes (493 HOT updates of 46,000 in `./drift bench --events
-- 20000`). Pages written from now on keep 30 % free: in the same run 11,685 of the 23,000 claims
-- were HOT. A lower fillfactor would make more of them HOT at the cost of a larger table.
alter table drift_action set (fillfactor = 70);
