-- The core of drift: actual state, reconcile requests, the drift ledger with its audit trail,
-- and the outbox. All times are timestamptz (UTC on the wire).

-- Stream entries already applied, so a redelivered entry changes nothing.
create table processed_entry (
    stream       text        not null,
    entry_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (stream, entry_id)
);
create index processed_entry_age on processed_entry (processed_at);

-- Latest observed value per (CI, field). value is the JSON form of the value (JSON null = absent);
-- unknown_reason set means the field changed to something not reported.
create table actual_state (
    ci_id           text        not null,
    field_path      text        not null,
    value           jsonb,
    unknown_reason  text,
    observed_at     timestamptz not null,
    source          text        not null,
    primary key (ci_id, field_path)
);

-- Latest complete report per (CI, path prefix): fields under the prefix that the report did not
-- list are absent as of observed_at.
create table actual_coverage (
    ci_id       text        not null,
    path_prefix text        not null,
    observed_at timestamptz not null,
    source      text        not null,
    primary key (ci_id, path_prefix)
);

-- CIs that need reconciling. Ingest only ever inserts here (never updates), so it never waits for
-- a reconcile in progress; a reconcile deletes the requests up to the highest id it read, so a
-- request that arrives while it runs survives it.
create table reconcile_request (
    id           bigserial   primary key,
    ci_id        text        not null,
    requested_at timestamptz not null default now()
);
create index reconcile_request_ci on reconcile_request (ci_id, id);
create index reconcile_request_age on reconcile_request (requested_at);

-- CIs whose last reconcile failed retryably: not retried before not_before.
create table reconcile_deferral (
    ci_id      text        primary key,
    not_before timestamptz not null,
    attempts   int         not null,
    last_error text
);

create table drift_event (
    id                 uuid        primary key,
    ci_id              text        not null,
    ci_type            text        not null,
    field_path         text        not null,
    category           text        not null check (category in ('configuration','package','network','state','security','firmware')),
    desired_value      jsonb,
    actual_value       jsonb,
    desired_provenance jsonb       not null,
    actual_source      text        not null,
    actual_observed_at timestamptz not null,
    severity           text        not null check (severity in ('info','warning','high','critical')),
    status             text        not null check (status in ('open','acknowledged','remediating','resolved','escalated')),
    first_detected_at  timestamptz not null,
    last_seen_at       timestamptz not null,
    occurrence_count   int         not null default 1,
    resolved_at        timestamptz,
    resolved_by        text,
    constraint resolved_consistent check ((status = 'resolved') = (resolved_at is not null))
);
-- At most one non-resolved event per (CI, field).
create unique index drift_event_one_active on drift_event (ci_id, field_path) where status <> 'resolved';
create index drift_event_ci on drift_event (ci_id, first_detected_at desc);
create index drift_event_status on drift_event (status, first_detected_at desc);

-- Append-only audit trail of every transition.
create table drift_history (
    id          bigserial   primary key,
    drift_id    uuid        not null references drift_event (id),
    at          timestamptz not null default now(),
    from_status text,
    to_status   text        not null,
    actor       text        not null,
    detail      jsonb       not null default '{}'::jsonb
);
create index drift_history_drift on drift_history (drift_id, id);

create function drift_history_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'drift_history is append-only';
end $$;
create trigger drift_history_no_update before update or delete on drift_history
    for each row execute function drift_history_append_only();

-- Messages to publish, written in the same transaction as the change that causes them.
create table outbox (
    id              bigserial   primary key,
    stream          text        not null,
    idempotency_key text        not null unique,
    payload         jsonb       not null,
    created_at      timestamptz not null default now(),
    published_at    timestamptz,
    attempts        int         not null default 0,
    last_error      text
);
create index outbox_pending on outbox (id) where published_at is null;
