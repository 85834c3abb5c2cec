package org.rectificationhub.ledger;

import com.zaxxer.hikari.HikariDataSource;
import org.rectificationhub.support.TestDatabases;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PagedProgressReadingOnPostgresTest extends PagedProgressReadingContract {

    private String schema;

    @Override
    HikariDataSource newDatabase() {
        String url = TestDatabases.postgresUrl().orElse(null);
        assumeTrue(url != null, TestDatabases::postgresMissingReason);
        schema = TestDatabases.freshSchemaName();
        return TestDatabases.postgres(url, schema);
    }

    @Override
    void dropDatabase() {
        if (schema != null) {
            new JdbcTemplate(dataSource).execute("drop schema " + schema + " cascade");
        }
    }
}
