-- History is never edited in place.
create function ledger_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'ledger_entry is append-only: % is not allowed', tg_op;
end
$$;
create trigger ledger_entry_append_only before update or delete on ledger_entry
    for each row execute function ledger_entry_append_only();
