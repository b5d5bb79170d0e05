-- drift-agent sequence numbers taken, per CI. The agent replays its spool after a Redis outage and
-- may send an event twice (an XADD that timed out but was applied, a kill -9 between a replayed
-- batch and its saved offset); an event whose (CI, seq) was taken already is such a replay and is
-- skipped. Exact numbers rather than a high-water mark, because several consumers may take one
-- agent's events out of order. Forgotten after the processed-entry retention, like processed_entry.
create table agent_seq_seen (
    ci_id   text        not null,
    seq     bigint      not null,
    seen_at timestamptz not null default now(),
    primary key (ci_id, seq)
);
create index agent_seq_seen_by_time on agent_seq_seen (seen_at);
