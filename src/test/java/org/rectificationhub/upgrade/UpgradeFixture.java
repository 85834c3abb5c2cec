package org.rectificationhub.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.ChildHub;
import org.rectificationhub.support.KafkaClient;
import org.rectificationhub.support.Updates;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Makes the data directory that {@link UpgradeIT} opens: a standalone hub of the previous release (its packaged jar,
 * given as the first argument) takes a round and {@value #CONSUMED} updates by Kafka and one by file, signs
 * checkpoints over them, then has its Kafka route stopped and {@value #PENDING} more updates left unread in its
 * broker's log before it is shut down. The directory is zipped with a manifest of what it holds.
 * <p>
 * Run before a platform upgrade, from the release being replaced (see docs/upgrade.md):
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.rectificationhub.upgrade.UpgradeFixture
 * old.jar src/test/resources/upgrade/data.zip "what the old jar is"}
 */
public final class UpgradeFixture {

    static final String ROUND = "upgrade";
    static final int CONSUMED = 30;
    static final int PENDING = 15;
    static final String MANIFEST = "upgrade-fixture.json";

    private UpgradeFixture() {
    }

    public static void main(String[] args) throws Exception {
        Path oldJar = Path.of(args[0]);
        Path zip = Path.of(args[1]);
        Path dataDir = Files.createTempDirectory("hub-upgrade-fixture-");
        Map<String, String> env = Map.of("HUB_KAFKA_PORT", String.valueOf(ChildHub.freePort()),
                "HUB_KAFKA_CONTROLLER_PORT", String.valueOf(ChildHub.freePort()),
                "HUB_LEDGER_CHECKPOINT_ENTRIES", "10", "HUB_LEDGER_CHECK_INTERVAL_MS", "500");
        String brokers = "localhost:" + env.get("HUB_KAFKA_PORT");
        ObjectNode manifest = CanonicalJson.mapper().createObjectNode().put("round", ROUND)
                .put("madeBy", args.length > 2 ? args[2] : oldJar.toString());
        try (ChildHub hub = new ChildHub(dataDir, env).withJar(oldJar).start(Duration.ofSeconds(180));
             KafkaClient kafka = new KafkaClient(brokers)) {
            kafka.send(Updates.OFFICE, ROUND, Updates.round(ROUND));
            kafka.flush();
            kafka.receiptsUntil(all -> !KafkaClient.about(all, "round-" + ROUND).isEmpty(), 120, TimeUnit.SECONDS);
            for (int i = 0; i < CONSUMED; i++) {
                send(kafka, "before", i);
            }
            kafka.flush();
            kafka.receiptsUntil(all -> KafkaClient.about(all, ROUND + "-before-").size() >= CONSUMED, 120,
                    TimeUnit.SECONDS);
            Path inbox = Files.createDirectories(dataDir.resolve("inbox").resolve(Updates.RESPONSIBLE[0]));
            Files.write(inbox.resolve("by-file.json"), Updates.bytes(Updates.progress(ROUND, Updates.RESPONSIBLE[0],
                    Updates.PROBLEMS[0], CONSUMED, ROUND + "-by-file")));
            awaitEntries(hub, CONSUMED + 2);
            awaitVerifiedAndCheckpointed(hub, CONSUMED + 2);

            hub.post("/api/routes/kafka-inbound/stop");
            for (int i = 0; i < PENDING; i++) {
                send(kafka, "after", i);
            }
            kafka.flush();
            JsonNode verify = CanonicalJson.readTree(hub.get("/api/ledger/verify"));
            manifest.put("entries", verify.path("entries").asLong()).put("consumed", CONSUMED)
                    .put("pending", PENDING).put("checkpoints", verify.path("checkpoints").asLong());
        }
        Files.deleteIfExists(dataDir.resolve("child-hub.log"));
        Files.writeString(dataDir.resolve(MANIFEST), manifest.toPrettyString());
        zip(dataDir, zip);
        System.out.println("wrote " + zip + ": " + manifest);
    }

    static void send(KafkaClient kafka, String phase, int i) {
        int p = i % 3;
        String department = Updates.RESPONSIBLE[p];
        kafka.send(department, ROUND + "/" + p, Updates.bytes(Updates.progress(ROUND, department, Updates.PROBLEMS[p],
                i + 1 + ("after".equals(phase) ? CONSUMED : 0), ROUND + "-" + phase + "-" + i)));
    }

    private static void awaitEntries(ChildHub hub, long entries) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (CanonicalJson.readTree(hub.get("/api/ledger/verify")).path("entries").asLong() < entries) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the old hub did not record " + entries + " entries");
            }
            Thread.sleep(200);
        }
    }

    /** The continuous check has verified up to the position and signed at least one checkpoint on the way. */
    private static void awaitVerifiedAndCheckpointed(ChildHub hub, long position) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode integrity = CanonicalJson.readTree(hub.get("/api/ledger/integrity"));
        while (integrity.path("verifiedPosition").asLong() < position
                || integrity.path("lastCheckpoint").path("position").asLong() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the old hub did not verify and checkpoint up to " + position);
            }
            Thread.sleep(200);
            integrity = CanonicalJson.readTree(hub.get("/api/ledger/integrity"));
        }
    }

    private static void zip(Path dir, Path zip) throws IOException {
        Files.createDirectories(zip.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted().toList()) {
                if (Files.isRegularFile(file)) {
                    entries.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, entries);
                    entries.closeEntry();
                } else if (!file.equals(dir)) {
                    entries.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace('\\', '/') + "/"));
                    entries.closeEntry();
                }
            }
        }
    }

    static List<String> updateIds(String phase, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> ROUND + "-" + phase + "-" + i).toList();
    }
}
