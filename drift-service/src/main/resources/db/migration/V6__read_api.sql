-- The operator read API: keyset pagination over drift events, reports, and reconcile jobs.

-- Keyset pages (see report/EventSearch): every sort is (key, id), scanned in either direction, so
-- each index ends with id. The status and ci_type ones serve the most common filters with the
-- default sort; the status one replaces V1's drift_event_status, of which it is a superset.
drop index drift_event_status;
create index drift_event_status_keyset on drift_event (status, first_detected_at desc, id desc);
create index drift_event_ci_type_keyset on drift_event (ci_type, first_detected_at desc, id desc);
-- Unfiltered pages, since/until ranges, and the report's range scan.
create index drift_event_detected_keyset on drift_event (first_detected_at desc, id desc);
create index drift_event_seen_keyset on drift_event (last_seen_at desc, id desc);
-- sort=severity orders by rank, not by name; the expression must stay identical to
-- EventSort.SEVERITY_RANK for the planner to use this index.
create index drift_event_severity_keyset on drift_event
    ((case severity when 'info' then 0 when 'warning' then 1 when 'high' then 2 else 3 end), id);
-- Resolutions per timeline bucket.
create index drift_event_resolved_at on drift_event (resolved_at) where resolved_at is not null;

-- Full sweeps started through the API. Any instance answers for any job; a job whose instance died
-- stays 'running' (instance tells which one ran it).
create table reconcile_job (
    id             uuid        primary key,
    status         text        not null check (status in ('running','succeeded','failed')),
    instance       text        not null,
    started_at     timestamptz not null,
    finished_at    timestamptz,
    cis_total      int         not null default 0,
    cis_done       int         not null default 0,
    ledger_changes int         not null default 0,
    deferred       int         not null default 0,
    error          text,
    check ((status = 'running') = (finished_at is null))
);
