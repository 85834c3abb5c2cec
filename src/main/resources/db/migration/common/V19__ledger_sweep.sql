-- The continuous check's sweep re-reads the whole ledger in slices over a period (hub.ledger.sweep-every): how far
-- the current pass has come, and the instance sweeping a slice now (a lease, so one sweeps at a time in the
-- cluster; a slice not finished by sweep_lease_until was lost with its instance).
create table ledger_sweep (
    id                integer primary key check (id = 1),
    pass_started_at   timestamp with time zone,
    entry_cursor      bigint       not null,   -- entries up to here were re-verified in this pass
    round_cursor      varchar(100) not null,   -- rounds up to here (in round_id order) were replayed in this pass
    rounds_done       integer      not null,
    last_pass_at      timestamp with time zone, -- when the last complete pass ended
    sweep_instance    varchar(64),
    sweep_lease_until timestamp with time zone
);
insert into ledger_sweep (id, entry_cursor, round_cursor, rounds_done) values (1, 0, '', 0);
