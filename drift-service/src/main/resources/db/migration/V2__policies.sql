-- Drift policies: which severity, settle time, actions and channels apply to a drift. The most
-- specific matching policy wins (see PolicyResolver). match, remediation and notify are JSON in the
-- same snake_case form the API uses.
create table drift_policy (
    id                  uuid        primary key,
    name                text        not null unique
                                    check (length(btrim(name)) between 1 and 100),
    match               jsonb       not null default '{}' check (jsonb_typeof(match) = 'object'),
    severity            text        not null check (severity in ('info','warning','high','critical')),
    settle_seconds      int         not null check (settle_seconds >= 0),
    auto_change_request boolean     not null default false,
    auto_remediate      boolean     not null default false,
    remediation         jsonb       check (remediation is null or (jsonb_typeof(remediation) = 'object'
                                    and remediation ->> 'kind' in ('playbook','awx_job_template'))),
    notify              jsonb       not null default '[]' check (jsonb_typeof(notify) = 'array'),
    mode                text        not null check (mode in ('enforce','report_only')),
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);

-- The default policy: matches every drift, so every drift has a policy. It has a fixed id so that
-- it stays recognisable when patched; it cannot be deleted.
insert into drift_policy (id, name, match, severity, settle_seconds, auto_change_request, auto_remediate,
                          remediation, notify, mode)
values ('00000000-0000-0000-0000-000000000001', 'default',
        '{"ci_types":[],"tags":[],"categories":[],"fields":[]}', 'warning', 0, false, false,
        null, '["default"]', 'enforce');

-- Shipped defaults on top of it: drift of security-relevant fields (shadow, sudoers, file modes and
-- owners, users) and of a machine's state (power, sizing, registration) is high.
insert into drift_policy (id, name, match, severity, settle_seconds, auto_change_request, auto_remediate,
                          remediation, notify, mode)
values ('00000000-0000-0000-0000-000000000002', 'security',
        '{"ci_types":[],"tags":[],"categories":["security"],"fields":[]}', 'high', 0, false, false,
        null, '["default"]', 'enforce'),
       ('00000000-0000-0000-0000-000000000003', 'machine-state',
        '{"ci_types":[],"tags":[],"categories":["state"],"fields":[]}', 'high', 0, false, false,
        null, '["default"]', 'enforce');
