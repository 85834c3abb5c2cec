package org.rectificationhub.ledger;

import com.zaxxer.hikari.HikariDataSource;
import org.rectificationhub.support.TestDatabases;

class LedgerOnEmbeddedDatabaseTest extends LedgerTamperContract {

    @Override
    HikariDataSource newDatabase() {
        return TestDatabases.h2();
    }

    @Override
    void bypassAppendOnlyGuard() {
        jdbc.execute("drop trigger ledger_entry_append_only");
    }
}
