-- What operators did and what became of quarantined documents is never edited in place (see V2).
create trigger audit_log_append_only before update, delete on audit_log
    for each row call "org.rectificationhub.ledger.AppendOnlyTrigger";
create trigger quarantine_resolution_append_only before update, delete on quarantine_resolution
    for each row call "org.rectificationhub.ledger.AppendOnlyTrigger";
