package org.rectificationhub.ledger;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The embedded database's guard that history is never edited in place (PostgreSQL uses plpgsql): the entry log,
 * and what operators did (audit_log, quarantine_resolution).
 */
public class AppendOnlyTrigger implements Trigger {

    private String table = "ledger_entry";

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
                     int type) {
        table = tableName.toLowerCase(Locale.ROOT);
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException(table + " is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " is not allowed");
    }
}
