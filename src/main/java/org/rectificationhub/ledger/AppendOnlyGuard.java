package org.rectificationhub.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.rectificationhub.Databases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;


/**
 * Checks at start-up that the database still refuses UPDATE and DELETE on the entry log (and on what operators did:
 * audit_log, quarantine_resolution), and recreates a guard (the migrations' own DDL) when someone has dropped or
 * disabled it; a hub that cannot recreate it refuses to start, saying what to do, rather than append to a history
 * that anyone may edit.
 */
@Component
class AppendOnlyGuard {

    /** One guarded table: its trigger, and the DDL that creates it on each database. */
    private record Guarded(String table, String trigger, String h2, List<String> postgres) {

        static Guarded row(String table) {
            String trigger = table + "_append_only";
            return new Guarded(table, trigger, "create trigger " + trigger + " before update, delete on " + table
                    + " for each row call \"" + AppendOnlyTrigger.class.getName() + "\"", List.of(
                    "create or replace function append_only_row() returns trigger language plpgsql as $$ begin raise"
                            + " exception '% is append-only: % is not allowed', tg_table_name, tg_op; end $$",
                    "create trigger " + trigger + " before update or delete on " + table
                            + " for each row execute function append_only_row()"));
        }
    }

    private static final List<Guarded> GUARDED = List.of(
            new Guarded("ledger_entry", "ledger_entry_append_only", "create trigger ledger_entry_append_only before"
                    + " update, delete on ledger_entry for each row call \"" + AppendOnlyTrigger.class.getName() + "\"",
                    List.of("create or replace function ledger_entry_append_only() returns trigger language plpgsql"
                                    + " as $$ begin raise exception 'ledger_entry is append-only: % is not allowed',"
                                    + " tg_op; end $$",
                            "create trigger ledger_entry_append_only before update or delete on ledger_entry for each"
                                    + " row execute function ledger_entry_append_only()")),
            Guarded.row("audit_log"),
            Guarded.row("quarantine_resolution"));

    private static final Logger log = LoggerFactory.getLogger(AppendOnlyGuard.class);

    AppendOnlyGuard(JdbcTemplate jdbc, @Value("${hub.ledger.guard:true}") boolean enforce) {
        if (enforce) {
            ensure(jdbc);
        }
    }

    static void ensure(JdbcTemplate jdbc) {
        boolean postgres = Databases.isPostgres(jdbc);
        for (Guarded guarded : GUARDED) {
            ensure(jdbc, postgres, guarded);
        }
    }

    private static void ensure(JdbcTemplate jdbc, boolean postgres, Guarded guarded) {
        if (present(jdbc, postgres, guarded)) {
            return;
        }
        log.error("The append-only guard on {} is missing or disabled: someone with the database owner's rights"
                + " removed it. Recreating it; verification will tell whether history was edited meanwhile.",
                guarded.table());
        try {
            if (postgres) {
                jdbc.execute("drop trigger if exists " + guarded.trigger() + " on " + guarded.table());
                guarded.postgres().forEach(jdbc::execute);
            } else {
                jdbc.execute(guarded.h2());
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("The append-only guard on " + guarded.table() + " is missing and the hub"
                    + " cannot recreate it (" + e.getMessage() + "). Recreate it as the database owner: "
                    + (postgres ? String.join("; ", guarded.postgres()) : guarded.h2()), e);
        }
        if (!present(jdbc, postgres, guarded)) {
            throw new IllegalStateException("The append-only guard on " + guarded.table() + " could not be recreated");
        }
    }

    private static boolean present(JdbcTemplate jdbc, boolean postgres, Guarded guarded) {
        if (postgres) {
            // Enabled ('O' origin, 'A' always); 'D' is a disabled trigger, as good as none.
            return jdbc.queryForObject("select count(*) from pg_trigger where tgname = ? and tgrelid = to_regclass(?)"
                    + " and tgenabled in ('O', 'A')", Long.class, guarded.trigger(), guarded.table()) > 0;
        }
        return jdbc.queryForObject("select count(*) from information_schema.triggers where upper(trigger_name) = ?"
                + " and upper(event_object_table) = ?", Long.class, guarded.trigger().toUpperCase(Locale.ROOT),
                guarded.table().toUpperCase(Locale.ROOT)) > 0;
    }
}
