-- Scheduled sweeps (sweep/SweepScheduler) and one sweep at a time across instances (report/SweepLock).

-- A sweep whose instance died before it finished is marked 'interrupted' by the next sweep to take
-- the lock; before, such a job stayed 'running' for good.
alter table reconcile_job drop constraint reconcile_job_status_check;
alter table reconcile_job add constraint reconcile_job_status_check
    check (status in ('running','succeeded','failed','interrupted'));

-- Who asked: an operator through the API, or the schedule for the slot scheduled_for.
alter table reconcile_job add column kind text not null default 'on_demand'
    check (kind in ('on_demand','scheduled'));
alter table reconcile_job add column scheduled_for timestamptz;
alter table reconcile_job add constraint reconcile_job_slot check ((kind = 'scheduled') = (scheduled_for is not null));

-- Each slot runs once across all instances; an interrupted run leaves room for its rerun.
create unique index reconcile_job_one_run_per_slot on reconcile_job (scheduled_for)
    where kind = 'scheduled' and status <> 'interrupted';
-- The running job, which the sweep holding the lock marks interrupted when its instance is gone.
create index reconcile_job_running on reconcile_job (started_at) where status = 'running';

-- When the schedule was first considered: slots before it never run, so that a new installation
-- does not sweep as soon as it starts. One row, written by the first scheduler tick.
create table sweep_schedule (
    id              int         primary key check (id = 1),
    considered_from timestamptz not null
);
