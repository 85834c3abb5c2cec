-- A delivery that keeps failing is parked: it is no longer tried by itself, and never holds back the rest, until an
-- operator replays it (DeliveryReplay). failing_since is when its current run of failures began.
alter table outbox add column failing_since timestamp with time zone;
alter table outbox add column parked_at timestamp with time zone;
-- the rows backing off, few, found without reading every pending row (a delivered round's others follow it)
create index outbox_backing_off on outbox (target, next_attempt_at);

-- The commission's snapshots are an outbox of their own: taken and stored first, then sent as stored, so a snapshot
-- sent again (a retry, a crash before the mark, an operator's replay) is the same record with the same id. Each
-- round's snapshots are retried with their own back-off, then parked, like the outbox rows.
alter table commission_snapshot add column sent_at timestamp with time zone;
alter table commission_snapshot add column attempts integer default 0 not null;
alter table commission_snapshot add column last_error text;
alter table commission_snapshot add column failing_since timestamp with time zone;
alter table commission_snapshot add column next_attempt_at timestamp with time zone;
alter table commission_snapshot add column parked_at timestamp with time zone;
-- until now a snapshot was stored in the transaction that sent it
update commission_snapshot set sent_at = created_at;
create index commission_snapshot_unsent on commission_snapshot (sent_at, round_id, snapshot_no);
