package org.rectificationhub.ingest.kafka;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh data dir per Spring test context, with its own ledger file. */
final class TestDataDirs {

    private TestDataDirs() {
    }

    static void register(DynamicPropertyRegistry registry, String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        registry.add("hub.data-dir", dir::toString);
        // StandaloneDefaults reads the data dir before test properties exist: name the ledger file here.
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dir.resolve("db/ledger") + ";WRITE_DELAY=0");
        registry.add("spring.datasource.username", () -> "hub");
    }
}
