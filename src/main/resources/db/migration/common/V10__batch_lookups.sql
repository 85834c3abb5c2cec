-- A ledger batch reads what it needs in a few queries at its start (BatchReads). Two of them look rows up by columns
-- their primary keys hold second, which H2 answered by scanning the whole table for every batch:
-- the documents' updateIds (update_id in (...); the department is matched in the batch) ...
create index idempotency_key_update_id on idempotency_key (update_id);
-- ... and every department's applied sequence of the batch's problems (round_id = ? and problem_no in (...)).
create index applied_sequence_problem on applied_sequence (round_id, problem_no);
