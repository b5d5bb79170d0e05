-- Exceptions, change windows and actions.

-- Two more active statuses: 'excepted' (an approved exception covers the drift) and 'expected' (an
-- approved change window covers it). Neither alerts nor remediates.
alter table drift_event drop constraint drift_event_status_check;
alter table drift_event add constraint drift_event_status_check
    check (status in ('open','acknowledged','remediating','resolved','escalated','excepted','expected'));
-- What suppresses an excepted or expected drift: 'exception:<id>' or 'change:<change id>'.
alter table drift_event add column suppressed_by text;
-- The policy that applied when the drift opened.
alter table drift_event add column policy_id uuid;
-- The ITSM tickets raised for the drift.
alter table drift_event add column change_request text;
alter table drift_event add column incident text;
-- Remediation runs started for the drift (the loop guard caps them).
alter table drift_event add column remediation_attempts int not null default 0;
create index drift_event_suppressed on drift_event (suppressed_by) where suppressed_by is not null;

-- Approved deviations. allowed_value, when has_allowed_value, is the only actual value excepted
-- (JSON null is "absent", so it cannot also mean "any value"). settled_at: the CIs it covered were
-- re-evaluated after it expired or was revoked.
create table drift_exception (
    id                uuid        primary key,
    ci_pattern        text        not null check (length(btrim(ci_pattern)) > 0),
    field_pattern     text        not null check (length(btrim(field_pattern)) > 0),
    has_allowed_value boolean     not null default false,
    allowed_value     jsonb,
    reason            text        not null check (length(btrim(reason)) > 0),
    approved_by       text        not null check (length(btrim(approved_by)) > 0),
    created_by        text        not null,
    created_at        timestamptz not null default now(),
    expires_at        timestamptz not null,
    revoked_at        timestamptz,
    settled_at        timestamptz
);
create index drift_exception_live on drift_exception (expires_at) where revoked_at is null;

-- Approved change requests: drift of the CI's matching fields during [starts_at, ends_at) is expected.
-- settled_at: the CI was re-evaluated after the window closed.
create table change_window (
    id          uuid        primary key,
    change_id   text        not null unique check (length(btrim(change_id)) > 0),
    ci_id       text        not null,
    fields      text[]      not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    approved_by text        not null,
    created_by  text        not null,
    created_at  timestamptz not null default now(),
    settled_at  timestamptz,
    check (ends_at > starts_at)
);
create index change_window_ci on change_window (ci_id, ends_at);
create index change_window_unsettled on change_window (ends_at) where settled_at is null;

-- Side effects of drift transitions (notifications, tickets, remediation runs), written in the same
-- transaction as the transition and delivered by the action dispatcher. idempotency_key is derived
-- from the drift id and the transition, so a transition never yields an action twice.
create table drift_action (
    id              bigserial   primary key,
    drift_id        uuid        not null references drift_event (id),
    kind            text        not null check (kind in ('notify','change_request','incident','remediate','verify')),
    target          text        not null,
    transition      text        not null,
    idempotency_key text        not null unique,
    payload         jsonb       not null,
    state           text        not null default 'pending'
                                check (state in ('pending','delivered','failed','skipped','cancelled')),
    due_at          timestamptz not null default now(),
    lease_until     timestamptz,
    attempts        int         not null default 0,
    last_error      text,
    result          jsonb,
    created_at      timestamptz not null default now(),
    completed_at    timestamptz
);
create index drift_action_due on drift_action (due_at, id) where state = 'pending';
create index drift_action_drift on drift_action (drift_id, id);

-- Loop guard and per-host lock: while drift remediates a CI (running) and for a grace period after
-- (until), new drift on the CI is held back like settling drift: it is what the run itself changes,
-- not drift. One run per CI at a time, across instances; a crashed run's row goes stale at until.
create table remediation_guard (
    ci_id   text        primary key,
    running boolean     not null,
    until   timestamptz not null
);
