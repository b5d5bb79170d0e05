-- Settle time: a drift opens only once it has persisted for its policy's settle_seconds.

-- A reconcile request may be for later: the recheck of a drift that is settling.
alter table reconcile_request add column due_at timestamptz not null default now();
create index reconcile_request_due on reconcile_request (due_at);

-- Fields that differ from desired but have not differed for long enough to open a drift.
create table drift_candidate (
    ci_id         text        not null,
    field_path    text        not null,
    first_seen_at timestamptz not null,
    primary key (ci_id, field_path)
);
