package org.rectificationhub.ingest.file;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.ChildHub;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HostileOfficeFiles;
import org.rectificationhub.support.HubFolders;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.PARTY;
import static org.rectificationhub.support.Examples.ROUND_ID;
import static org.rectificationhub.support.Examples.URBAN;

/**
 * The packaged hub on a 256 MB heap, the way an operator runs it, meets every hostile drop at once: merged-cell
 * bombs, a dense sheet, a Word document of 10 MB of tiny paragraphs, an empty file, a file that never settles, a
 * link to a secret, a pipe, a backslash name beside a subfolder. Another department's valid file is recorded meanwhile within seconds, and the hub, told to
 * exit on OutOfMemoryError, is still up at the end.
 */
class HostileDropsIT {

    private static final Duration WITHIN = Duration.ofSeconds(5);

    private final HubFolders hub = HubFolders.create();
    private final Map<String, String> environment = Map.of("HUB_KAFKA_ENABLED", "false", "HUB_FILE_SETTLE_MS", "200",
            "HUB_FILE_POLL_MS", "100", "HUB_FILE_LOCK_TIMEOUT_MS", "3000");

    @Test
    void hostileDropsOnA256MegabyteHeapHoldUpNoOtherDepartment() throws Exception {
        try (ChildHub child = new ChildHub(hub.dataDir(), environment)
                .withJvmOptions("-Xmx256m", "-XX:+ExitOnOutOfMemoryError").start(Duration.ofSeconds(90))) {
            hub.drop(OFFICE, "round.json", Examples.roundJson().toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> child.status("/api/rounds/" + ROUND_ID + "/problems") == 200);
            byte[] bomb = HostileOfficeFiles.mergedCellBomb(100, 5000);
            try (AutoCloseable writer = hub.keepWriting(PARTY, "growing.txt")) {
                dropHostileFiles(bomb);
                Thread.sleep(300);

                long start = System.nanoTime();
                hub.drop(ECONOMY, "valid.json", Examples.progressJson().toString());
                hub.awaitMoved("archive", "-valid.json", WITHIN);
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

                hub.awaitMoved("error", "-growing.txt", Duration.ofSeconds(10));
                assertThat(child.status("/actuator/health")).isEqualTo(200);
                Map<String, String> reasons = quarantineReasons(child);
                assertThat(reasons.get("urban-management/bomb-5.xlsx")).contains("more than 200000 cells");
                assertThat(reasons.get("party-building/dense.xlsx")).contains("the limit is 200000 cells");
                assertThat(reasons.get("party-building/paragraphs.docx")).contains("more than a notice holds");
                assertThat(reasons.get("urban-management/empty.json")).startsWith("empty input");
                assertThat(reasons.get("party-building/growing.txt")).startsWith("the file was still being written");
                assertThat(reasons.keySet()).noneMatch(source -> source.contains("victim") || source.endsWith("/progress.json"));
                assertThat(hub.dataDir().resolve("victim.txt")).hasContent("the hub's own file");
                System.out.printf("%d-byte merged-cell bomb (50 million cells unfilled); another department's file"
                        + " recorded in %d ms; heap max %s MB, used now %s MB%n", bomb.length, took,
                        heapMegabytes(child, "jvm.memory.max"), heapMegabytes(child, "jvm.memory.used"));
            }
        }
    }

    private void dropHostileFiles(byte[] bomb) throws Exception {
        for (int i = 1; i <= 5; i++) {
            // Each a little different: the quarantine keeps identical inputs of one department once.
            hub.drop(URBAN, "bomb-" + i + ".xlsx", i == 1 ? bomb : HostileOfficeFiles.mergedCellBomb(100 + i, 5000));
        }
        hub.drop(PARTY, "dense.xlsx", HostileOfficeFiles.denseSheet(2100, 100));
        hub.drop(PARTY, "paragraphs.docx", HostileOfficeFiles.manyParagraphsDocx(10));
        Files.createFile(hub.inbox(URBAN).resolve("empty.json"));
        Path secret = Files.writeString(hub.dataDir().resolve("secret.json"), "{\"kind\": \"secret-value\"}");
        Files.createSymbolicLink(hub.inbox(OFFICE).resolve("progress.json"), secret);
        new ProcessBuilder("mkfifo", hub.inbox(PARTY).resolve("pipe.json").toString()).start().waitFor();
        Files.writeString(hub.dataDir().resolve("victim.txt"), "the hub's own file");
        Files.createDirectories(hub.inbox(URBAN).resolve("a"));
        Files.writeString(hub.inbox(URBAN).resolve("a\\..\\..\\..\\victim.txt"), "巡察整改");
    }

    /** Source to reason of everything the hub quarantined. */
    private static Map<String, String> quarantineReasons(ChildHub child) throws Exception {
        JsonNode rows = CanonicalJson.readTree(child.get("/api/quarantine?limit=100"));
        return StreamSupport.stream(rows.spliterator(), false).collect(Collectors.toMap(
                row -> row.path("source").asText(), row -> row.path("reason").asText(), (first, second) -> first));
    }

    private static long heapMegabytes(ChildHub child, String metric) throws Exception {
        JsonNode answer = CanonicalJson.readTree(child.get("/actuator/metrics/" + metric + "?tag=area:heap"));
        return answer.path("measurements").get(0).path("value").asLong() / (1024 * 1024);
    }
}
