-- GET /drift/events?severity=... with a large ledger (bench-api, bench/README.md "API at scale").
-- Every list also counts its matches; with no index on severity that count was a sequential scan of
-- the whole table (443 ms at 1,000,000 rows), now an index-only scan (34 ms for 100,000 matches).
-- Ends with (first_detected_at desc, id desc) like the V6 keyset indexes, so it also serves a
-- rare severity's pages in the default order.
create index drift_event_severity_detected_keyset on drift_event (severity, first_detected_at desc, id desc);
