-- An action's idempotency key is always <drift id>:<transition>:<target> (NewAction.due), so a unique
-- index on those columns guards what the key's own unique index did (equal columns make equal keys,
-- so rows already here satisfy it), and it also serves every lookup by drift that drift_action_drift
-- served. One index fewer to maintain on each insert and on each update that moves an action out of
-- the due indexes (claimed, delivered).
alter table drift_action drop constraint drift_action_idempotency_key_key;
drop index drift_action_drift;
create unique index drift_action_transition on drift_action (drift_id, target, transition);
