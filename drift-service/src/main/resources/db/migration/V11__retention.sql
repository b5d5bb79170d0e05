-- Retention: drift_history stays append-only for everyone but the retention job, which marks its
-- own transaction (set local drift.purge = 'on') to delete the history of drift resolved long ago.
-- (Resolved drift is found by drift_event_resolved_at, from V6.)
create or replace function drift_history_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and current_setting('drift.purge', true) = 'on' then
        return old;
    end if;
    raise exception 'drift_history is append-only';
end $$;

create index outbox_published_at on outbox (published_at) where published_at is not null;
create index compliance_check_checked_at on compliance_check (checked_at);
