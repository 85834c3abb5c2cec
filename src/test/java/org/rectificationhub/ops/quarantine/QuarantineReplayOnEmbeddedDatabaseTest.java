package org.rectificationhub.ops.quarantine;

import org.rectificationhub.support.FaultyDatabase;
import org.rectificationhub.support.HubFolders;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FaultyDatabase.class)
class QuarantineReplayOnEmbeddedDatabaseTest extends QuarantineReplayPath {

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
