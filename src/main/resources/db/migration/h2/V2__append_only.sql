-- History is never edited in place. H2 has no plpgsql: its guard is a Java trigger.
create trigger ledger_entry_append_only before update, delete on ledger_entry
    for each row call "org.rectificationhub.ledger.AppendOnlyTrigger";
