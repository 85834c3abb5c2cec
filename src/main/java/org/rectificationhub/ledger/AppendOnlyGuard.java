package org.rectificationhub.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.rectificationhub.Databases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;


/**
 * Checks at start-up that the database still refuses UPDATE and DELETE on the entry log, and recreates the guard
 * (the migrations' own DDL) when someone has dropped or disabled it; a hub that cannot recreate it refuses to
 * start, saying what to do, rather than append to a log that anyone may edit.
 */
@Component
class AppendOnlyGuard {

    static final String H2 = "create trigger ledger_entry_append_only before update, delete on ledger_entry"
            + " for each row call \"" + AppendOnlyTrigger.class.getName() + "\"";
    static final String POSTGRES_FUNCTION = "create or replace function ledger_entry_append_only() returns trigger"
            + " language plpgsql as $$ begin raise exception 'ledger_entry is append-only: % is not allowed', tg_op;"
            + " end $$";
    static final String POSTGRES_TRIGGER = "create trigger ledger_entry_append_only before update or delete on"
            + " ledger_entry for each row execute function ledger_entry_append_only()";

    private static final Logger log = LoggerFactory.getLogger(AppendOnlyGuard.class);

    AppendOnlyGuard(JdbcTemplate jdbc, @Value("${hub.ledger.guard:true}") boolean enforce) {
        if (enforce) {
            ensure(jdbc);
        }
    }

    static void ensure(JdbcTemplate jdbc) {
        boolean postgres = Databases.isPostgres(jdbc);
        if (present(jdbc, postgres)) {
            return;
        }
        log.error("The append-only guard on ledger_entry is missing or disabled: someone with the database owner's"
                + " rights removed it. Recreating it; verification will tell whether history was edited meanwhile.");
        try {
            if (postgres) {
                jdbc.execute("drop trigger if exists ledger_entry_append_only on ledger_entry");
                jdbc.execute(POSTGRES_FUNCTION);
                jdbc.execute(POSTGRES_TRIGGER);
            } else {
                jdbc.execute(H2);
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("The append-only guard on ledger_entry is missing and the hub cannot"
                    + " recreate it (" + e.getMessage() + "). Recreate it as the database owner: "
                    + (postgres ? POSTGRES_FUNCTION + "; " + POSTGRES_TRIGGER : H2), e);
        }
        if (!present(jdbc, postgres)) {
            throw new IllegalStateException("The append-only guard on ledger_entry could not be recreated");
        }
    }

    private static boolean present(JdbcTemplate jdbc, boolean postgres) {
        if (postgres) {
            // Enabled ('O' origin, 'A' always); 'D' is a disabled trigger, as good as none.
            return jdbc.queryForObject("select count(*) from pg_trigger where tgname = 'ledger_entry_append_only'"
                    + " and tgrelid = 'ledger_entry'::regclass and tgenabled in ('O', 'A')", Long.class) > 0;
        }
        return jdbc.queryForObject("select count(*) from information_schema.triggers where"
                + " upper(trigger_name) = 'LEDGER_ENTRY_APPEND_ONLY' and upper(event_object_table) = 'LEDGER_ENTRY'"
                , Long.class) > 0;
    }
}
