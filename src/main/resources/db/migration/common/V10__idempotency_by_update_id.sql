-- A ledger batch looks its documents' updateIds up in one query (update_id in (...)) and matches the department
-- itself: the primary key (department, update_id) cannot serve a lookup by its second column, so H2 scanned every
-- key for each batch.
create index idempotency_key_update_id on idempotency_key (update_id);
