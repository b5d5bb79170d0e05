-- The action dispatcher and the remediation orchestrator each claim from their own partial index of
-- due actions, so a backlog of notifications never slows down looking for remediation runs (and
-- the other way round).
drop index drift_action_due;
create index drift_action_due_deliveries on drift_action (due_at, id)
    where state = 'pending' and kind in ('notify', 'change_request', 'incident');
create index drift_action_due_remediation on drift_action (due_at, id)
    where state = 'pending' and kind in ('remediate', 'verify');
