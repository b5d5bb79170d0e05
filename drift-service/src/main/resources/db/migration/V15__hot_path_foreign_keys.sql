-- The ingest transaction writes a history row and an action row for every transition, next to the
-- drift row it has just inserted or updated, on the same connection. Checking each of them against
-- drift_event (a per-row trigger that takes a key-share lock on the drift) cost more than the inserts
-- themselves: with both checks gone, PostgreSQL spent a quarter less time per transition
-- (./drift bench with pg_stat_statements, bench/README.md "Array encoding and foreign keys").
-- What the keys guarded is kept by construction: history and actions are written only by the ledger
-- and the action planner for a drift they hold, and retention deletes them before their drift
-- (RetentionIT); the crash suite checks that no row is left without its drift (CrashRecoveryIT).
alter table drift_history drop constraint drift_history_drift_id_fkey;
alter table drift_action drop constraint drift_action_drift_id_fkey;
