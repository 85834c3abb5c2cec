package org.rectificationhub.ops.quarantine;

import org.junit.jupiter.api.BeforeAll;
import org.rectificationhub.support.FaultyDatabase;
import org.rectificationhub.support.HubFolders;
import org.rectificationhub.support.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The same on real PostgreSQL (HUB_TEST_POSTGRES_URL, set by .ci/run; else Testcontainers with Docker). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FaultyDatabase.class)
class QuarantineReplayOnPostgresTest extends QuarantineReplayPath {

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
}
