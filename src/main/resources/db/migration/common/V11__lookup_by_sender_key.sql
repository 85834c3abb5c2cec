-- A ledger batch now looks its updateIds up with their sender, on idempotency_key's primary key
-- (department, update_id), so the index on update_id alone (V10) serves no query and only costs every append.
drop index idempotency_key_update_id;
