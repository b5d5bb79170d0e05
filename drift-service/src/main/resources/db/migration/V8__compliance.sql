-- Compliance sweep: every check of a machine against one of its packs, and the latest verdict per
-- machine and pack (what "compliant on its previous check" is read from).

-- Two more drift categories: a pack that a machine stopped complying with (config_drift), and a
-- machine whose agent stopped reporting facts (agent_silent).
alter table drift_event drop constraint drift_event_category_check;
alter table drift_event add constraint drift_event_category_check
    check (category in ('configuration','package','network','state','security','firmware',
                        'config_drift','agent_silent'));

-- One row per check. mismatches is [{item, field, expected, actual}] in the pack's item order (empty
-- unless non_compliant); reason says why a verdict is unknown (stale facts, unknown items, a failed
-- check). job_id is the reconcile_job of the sweep that made the check.
create table compliance_check (
    id             bigserial   primary key,
    ci_id          text        not null,
    pack           text        not null,
    pack_version   text        not null,
    verdict        text        not null check (verdict in ('compliant','non_compliant','unknown')),
    mismatch_count int         not null default 0 check (mismatch_count >= 0),
    mismatches     jsonb       not null default '[]' check (jsonb_typeof(mismatches) = 'array'),
    reason         text,
    duration_us    bigint      not null check (duration_us >= 0),
    checked_at     timestamptz not null,
    job_id         uuid,
    check ((verdict = 'unknown') = (reason is not null)),
    check ((verdict = 'non_compliant') = (mismatch_count > 0))
);
create index compliance_check_history on compliance_check (ci_id, pack, checked_at desc, id desc);
create index compliance_check_job on compliance_check (job_id) where job_id is not null;

-- The newest check per machine and pack, and the newest that judged it (compliant or not): a
-- non-compliant check opens config_drift only when last_judged was compliant.
create table compliance_state (
    ci_id           text        not null,
    pack            text        not null,
    last_verdict    text        not null check (last_verdict in ('compliant','non_compliant','unknown')),
    last_judged     text        check (last_judged in ('compliant','non_compliant')),
    last_checked_at timestamptz not null,
    primary key (ci_id, pack)
);

-- Shipped policies for the two categories: configuration drift found by the sweep is a warning;
-- a silent agent is a warning too. Neither settles: the sweep's verdict is already a stable state.
insert into drift_policy (id, name, match, severity, settle_seconds, auto_change_request, auto_remediate,
                          remediation, notify, mode)
values ('00000000-0000-0000-0000-000000000004', 'config-drift',
        '{"ci_types":[],"tags":[],"categories":["config_drift"],"fields":[]}', 'warning', 0, false, false,
        null, '["default"]', 'enforce'),
       ('00000000-0000-0000-0000-000000000005', 'agent-silent',
        '{"ci_types":[],"tags":[],"categories":["agent_silent"],"fields":[]}', 'warning', 0, false, false,
        null, '["default"]', 'enforce');
