package org.rectificationhub.ledger;

import com.zaxxer.hikari.HikariDataSource;

/** A ledger on a test database, for the tests of capabilities that read what it commits (the relay). */
public final class TestLedgers {

    private TestLedgers() {
    }

    public static Ledger on(HikariDataSource dataSource, String instance) {
        return LedgerContract.ledgerOn(dataSource, instance);
    }
}
