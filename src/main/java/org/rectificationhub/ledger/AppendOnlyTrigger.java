package org.rectificationhub.ledger;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/** The embedded database's guard that ledger history is never edited in place (PostgreSQL uses plpgsql). */
public class AppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("ledger_entry is append-only: " + (newRow == null ? "DELETE" : "UPDATE")
                + " is not allowed");
    }
}
