package org.rectificationhub.ingest;

import org.rectificationhub.support.HubFolders;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class FileToLedgerOnEmbeddedDatabaseTest extends FileToLedgerPath {

    static final HubFolders hub = HubFolders.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
    }

    @Override
    HubFolders hub() {
        return hub;
    }
}
