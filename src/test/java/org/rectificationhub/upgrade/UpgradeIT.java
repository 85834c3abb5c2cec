package org.rectificationhub.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.ChildHub;
import org.rectificationhub.support.KafkaClient;
import org.rectificationhub.support.Updates;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An installation upgraded in place: the data directory a standalone hub of the previous release left (Spring Boot
 * 3.5, Kafka 3.9, H2 2.3; made by {@link UpgradeFixture}) is opened by this build's packaged hub. Its ledger verifies
 * against the checkpoints the old key signed, the records the old hub took are not read again, and those it left in
 * its broker's log are read once.
 */
class UpgradeIT {

    private static final String FIXTURE = "upgrade/data-boot3.5-kafka3.9-h2-2.3.zip";
    private static final String ROUND = UpgradeFixture.ROUND;

    @Test
    void aDataDirectoryOfThePreviousReleaseStartsVerifiesAndKeepsItsKafkaOffsets() throws Exception {
        Path dataDir = unzip(FIXTURE);
        JsonNode manifest = CanonicalJson.mapper().readTree(dataDir.resolve(UpgradeFixture.MANIFEST).toFile());
        int consumed = manifest.path("consumed").asInt();
        int pending = manifest.path("pending").asInt();
        Map<String, String> env = Map.of("HUB_KAFKA_PORT", String.valueOf(ChildHub.freePort()),
                "HUB_KAFKA_CONTROLLER_PORT", String.valueOf(ChildHub.freePort()));

        try (ChildHub hub = new ChildHub(dataDir, env).start(Duration.ofSeconds(180));
             KafkaClient kafka = new KafkaClient("localhost:" + env.get("HUB_KAFKA_PORT"))) {
            // Healthy means the start-up check passed: the chain from the latest checkpoint the old key signed.
            // The full verification waits until the pending records are in: one that overlaps commits can report
            // a false break (issue 21).
            JsonNode integrity = CanonicalJson.readTree(hub.get("/api/ledger/integrity"));
            assertThat(integrity.path("intact").asBoolean()).as(integrity.toString()).isTrue();
            assertThat(integrity.path("lastCheckpoint").path("position").asLong()).isPositive();

            kafka.receiptsUntil(all -> KafkaClient.about(all, ROUND + "-after-").size() >= pending, 120,
                    TimeUnit.SECONDS);
            // One more, sent now: once it is answered, anything read again from before would have been answered too.
            kafka.send(Updates.RESPONSIBLE[0], ROUND + "/0", Updates.bytes(Updates.progress(ROUND,
                    Updates.RESPONSIBLE[0], Updates.PROBLEMS[0], 10_000, ROUND + "-new-0")));
            kafka.flush();
            List<JsonNode> receipts = kafka.receiptsUntil(all -> !KafkaClient.about(all, ROUND + "-new-").isEmpty(),
                    120, TimeUnit.SECONDS);

            assertAnsweredOnce(receipts, UpgradeFixture.updateIds("before", consumed));
            assertAnsweredOnce(receipts, UpgradeFixture.updateIds("after", pending));
            assertAnsweredOnce(receipts, List.of(ROUND + "-new-0"));
            JsonNode after = CanonicalJson.readTree(hub.post("/api/ledger/verify"));
            assertThat(after.path("ok").asBoolean()).as(after.toString()).isTrue();
            assertThat(after.path("checkpoints").asLong()).isGreaterThanOrEqualTo(manifest.path("checkpoints").asLong());
            assertThat(after.path("entries").asLong()).isEqualTo(manifest.path("entries").asLong() + pending + 1);
            assertThat(hub.get("/api/rounds/" + ROUND + "/problems")).contains("第" + 10_000 + "次报送");
        }
    }

    /** Each update has exactly one receipt, and it says accepted: none was read twice or lost. */
    private static void assertAnsweredOnce(List<JsonNode> receipts, List<String> updateIds) {
        for (String updateId : updateIds) {
            assertThat(receipts).as(updateId).filteredOn(r -> r.path("updateId").asText().equals(updateId))
                    .singleElement().satisfies(r -> assertThat(r.path("status").asText()).isEqualTo("accepted"));
        }
    }

    /** Under target/, so the run's child-hub.log stays for whoever reads a failure. */
    private static Path unzip(String resource) throws IOException {
        Path base = Files.createDirectories(Path.of("target", "upgrade-it").toAbsolutePath());
        Path dir = Files.createTempDirectory(base, "run-").resolve("data");
        try (InputStream in = UpgradeIT.class.getClassLoader().getResourceAsStream(resource);
             ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("entry outside the data dir: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
        return dir;
    }
}
