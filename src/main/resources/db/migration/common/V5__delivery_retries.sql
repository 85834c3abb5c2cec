-- The outbox relay's own retry state per row: when a failed delivery may be tried again (exponential back-off).
alter table outbox add column next_attempt_at timestamp with time zone;
