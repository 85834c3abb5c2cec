package org.rectificationhub.ingest;

import org.rectificationhub.support.HubFolders;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
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
