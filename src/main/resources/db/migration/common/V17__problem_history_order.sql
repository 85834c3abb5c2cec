-- A problem's history is read in pages of commit order (LedgerQueries.problemProgressAfter): the index gives each page
-- in order and stops at its end, however many reports the problem has.
create index ledger_entry_problem_order on ledger_entry (round_id, problem_no, id);
