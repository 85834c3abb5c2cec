package org.rectificationhub.ingest.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.ChildHub;
import org.rectificationhub.support.KafkaClient;
import org.rectificationhub.support.Updates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone hub (the packaged jar, its own in-process broker) killed with SIGKILL while it consumes, then
 * restarted on the same data dir: every update is in the ledger exactly once and has a receipt.
 */
class KafkaCrashSafetyIT {

    private static final int UPDATES = 5_000;
    private static final String ROUND = "crash";

    /** Under target/, not a JUnit temp dir: the two runs' logs (child-hub.log) stay for whoever reads a failure. */
    private final Path dataDir = createDataDir();

    private static Path createDataDir() {
        try {
            Path base = Files.createDirectories(Path.of("target", "kafka-crash-it"));
            return Files.createTempDirectory(base.toAbsolutePath(), "run-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aHubKilledWhileConsumingRecordsEveryUpdateExactlyOnceAfterItsRestart() throws Exception {
        Map<String, String> env = Map.of("HUB_KAFKA_PORT", String.valueOf(ChildHub.freePort()),
                "HUB_KAFKA_CONTROLLER_PORT", String.valueOf(ChildHub.freePort()));
        String brokers = "localhost:" + env.get("HUB_KAFKA_PORT");

        try (ChildHub first = new ChildHub(dataDir, env).start(Duration.ofSeconds(180));
             KafkaClient kafka = new KafkaClient(brokers)) {
            kafka.send(Updates.OFFICE, ROUND, Updates.round(ROUND));
            kafka.flush();
            kafka.receiptsUntil(all -> !KafkaClient.about(all, "round-" + ROUND).isEmpty(), 180, TimeUnit.SECONDS);
            for (int i = 0; i < UPDATES; i++) {
                int p = i % 3;
                String department = Updates.RESPONSIBLE[p];
                kafka.send(department, ROUND + "/" + p, Updates.bytes(Updates.progress(ROUND, department,
                        Updates.PROBLEMS[p], i + 1, ROUND + "-" + department + "-" + i)));
            }
            kafka.flush();
            List<JsonNode> before = kafka.receiptsUntil(all -> KafkaClient.about(all, ROUND + "-").size() >= 500,
                    120, TimeUnit.SECONDS);
            first.kill(); // SIGKILL: no shutdown hook, no offset commit, no broker shutdown
            int seen = KafkaClient.about(before, ROUND + "-").size();
            System.out.printf("MEASURED: killed the hub after %d of %d receipts%n", seen, UPDATES);
            assertThat(seen).as("killed while consuming").isLessThan(UPDATES);
        }

        try (ChildHub second = new ChildHub(dataDir, env).start(Duration.ofSeconds(180));
             KafkaClient kafka = new KafkaClient(brokers)) {
            List<JsonNode> receipts = kafka.receiptsUntil(all -> KafkaClient.about(all, ROUND + "-").stream()
                    .map(r -> r.path("updateId").asText()).distinct().count() >= UPDATES, 300, TimeUnit.SECONDS);
            List<JsonNode> ours = KafkaClient.about(receipts, ROUND + "-");
            assertThat(ours).noneMatch(r -> r.path("status").asText().equals("rejected"));
            System.out.printf("MEASURED: %d receipts for %d updates (repeats after the crash say duplicate: %d)%n",
                    ours.size(), UPDATES, ours.stream().filter(r -> r.path("status").asText().equals("duplicate")).count());

            JsonNode problems = CanonicalJson.readTree(second.get("/api/rounds/" + ROUND + "/problems"));
            long entries = 0;
            for (JsonNode problem : problems) {
                entries += problem.path("entries").asLong();
            }
            assertThat(entries).as("problem entries: the registration counts once per problem").isEqualTo(UPDATES + 3L);
            JsonNode verify = CanonicalJson.readTree(second.post("/api/ledger/verify"));
            assertThat(verify.path("ok").asBoolean()).isTrue();
            assertThat(verify.path("entries").asLong()).isEqualTo(UPDATES + 1L);
        }
    }
}
