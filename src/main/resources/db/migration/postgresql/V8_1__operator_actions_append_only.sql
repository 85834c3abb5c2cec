-- What operators did and what became of quarantined documents is never edited in place (see V2).
create function append_only_row() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % is not allowed', tg_table_name, tg_op;
end
$$;
create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function append_only_row();
create trigger quarantine_resolution_append_only before update or delete on quarantine_resolution
    for each row execute function append_only_row();
