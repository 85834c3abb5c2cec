package org.rectificationhub.ingest;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rectificationhub.support.HubFolders;
import org.rectificationhub.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The same path on real PostgreSQL (HUB_TEST_POSTGRES_URL, set by .ci/run; else Testcontainers with Docker). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class FileToLedgerOnPostgresTest extends FileToLedgerPath {

    static final HubFolders hub = HubFolders.create();
    static final String schema = TestDatabases.freshSchemaName();

    @BeforeAll
    static void requirePostgres() {
        if (TestDatabases.postgresUrl().isEmpty()) {
            System.out.println(TestDatabases.postgresMissingReason());
        }
        assumeTrue(TestDatabases.postgresUrl().isPresent(), TestDatabases::postgresMissingReason);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.registerPostgres(registry, TestDatabases.postgresUrl().orElse("jdbc:postgresql://unavailable/none"),
                schema);
    }

    @Override
    HubFolders hub() {
        return hub;
    }

    @Test
    void theHubsPoolSendsBatchedInsertsAsMultiRowInserts(@Autowired DataSource dataSource) {
        assertThat(((HikariDataSource) dataSource).getDataSourceProperties())
                .containsEntry("reWriteBatchedInserts", "true");
    }
}
