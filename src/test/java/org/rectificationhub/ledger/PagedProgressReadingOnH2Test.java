package org.rectificationhub.ledger;

import com.zaxxer.hikari.HikariDataSource;
import org.rectificationhub.support.TestDatabases;

class PagedProgressReadingOnH2Test extends PagedProgressReadingContract {

    @Override
    HikariDataSource newDatabase() {
        return TestDatabases.h2();
    }
}
