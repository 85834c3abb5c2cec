package org.rectificationhub.ingest.file;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.ChildHub;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HeaviestInput;
import org.rectificationhub.support.HubFolders;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.URBAN;

/**
 * The heaviest valid input on the standalone heap: four arrays of 1,000 progress reports of 6,000 characters each
 * (18 MB a file, each under the input and document limits) from one department, to the packaged hub on its own heap
 * (told to exit on OutOfMemoryError). Every report is recorded, the database's health answers 200 throughout,
 * another department's file dropped behind them is recorded before the backlog is, and after a restart the offline
 * verification finds the ledger whole. Two files to a transaction, H2 ran out of heap writing it and closed the
 * database. The routes that read the ledger downstream run throughout: the round is published, its problem's 4,000
 * reports in history pages, and its snapshot (the newest actions, the others counted) is taken and sent, each read a
 * page at a time on the same heap.
 */
class HeaviestInputIT {

    static final int ARRAYS = 4;
    static final int DOCUMENTS = HeaviestInput.DOCUMENTS;
    static final String ROUND = "dg-xc1-guancheng-2024";

    static final String COMMISSION_PASSWORD = "heaviest-input-commission";

    private final HubFolders hub = HubFolders.create();
    private final Map<String, String> environment = Map.of("HUB_KAFKA_ENABLED", "false", "HUB_FILE_SETTLE_MS", "200",
            "HUB_FILE_POLL_MS", "100", "HUB_COMMISSION_PASSWORD", COMMISSION_PASSWORD);

    @Test
    void fourArraysOf18MegabytesAreRecordedPublishedAndSnapshottedOnTheStandaloneHeap() throws Exception {
        List<String> jvm = new ArrayList<>(ChildHub.defaultJvmOptions());
        jvm.add("-XX:+ExitOnOutOfMemoryError");
        try (ChildHub child = new ChildHub(hub.dataDir(), environment).withJvmOptions(jvm.toArray(String[]::new))
                .start(Duration.ofSeconds(240))) {
            hub.drop(OFFICE, "round.json", Examples.roundJson().toString());
            hub.awaitMoved("archive", "-round.json", Duration.ofSeconds(30));
            for (int a = 0; a < ARRAYS; a++) {
                byte[] array = HeaviestInput.array(a);
                assertThat(array.length).isBetween(17_000_000, 20_000_000);
                hub.drop(ECONOMY, "array-" + a + ".json", array);
            }
            Thread.sleep(300);
            hub.drop(URBAN, "urban.json", Examples.progressJson(1).toString());

            hub.awaitMoved("archive", "-urban.json", Duration.ofMinutes(3));
            assertThat(hub.files("inbox")).as("the backlog is not done when the other department's file is")
                    .anyMatch(p -> p.getFileName().toString().startsWith("array-"));
            double live = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (hub.files("archive").size() < ARRAYS + 2) {
                assertThat(System.nanoTime()).as("every array archived in time").isLessThan(deadline);
                assertThat(child.status("/actuator/health/db")).as("the database's health throughout").isEqualTo(200);
                live = Math.max(live, liveHeap(child));
                Thread.sleep(500);
            }
            assertThat(hub.files("error")).isEmpty();
            long last = ARRAYS * DOCUMENTS - 1;
            Path problem = hub.dataDir().resolve("site/rounds").resolve(ROUND).resolve("problems");
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    Files.exists(problem.resolve("1.html")) && Files.readString(problem.resolve("1.html"),
                            StandardCharsets.UTF_8).contains("第" + last + "次报告"));
            assertThat(problem.resolve("1-" + (ARRAYS * DOCUMENTS / 200 - 1) + ".html")).as("the oldest reports paged")
                    .exists();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    snapshot(child).path("throughEntry").asLong() == ARRAYS * DOCUMENTS + 2);
            JsonNode first = snapshot(child).path("problems").get(0);
            assertThat(first.path("accountability")).as("the newest actions").hasSize(200);
            assertThat(first.path("accountabilityOmitted").asLong()).isEqualTo(ARRAYS * DOCUMENTS - 200);
            assertThat(child.status("/actuator/health")).isEqualTo(200);
            live = Math.max(live, liveHeap(child));
            System.out.printf("MEASURED: heap live after the largest collections at most %.0f MB (of 384 MB)%n",
                    live / (1 << 20));
        }
        ChildHub.Verified verified = ChildHub.verify(hub.dataDir());
        assertThat(verified.exitCode()).as(verified.printed()).isZero();
        JsonNode report = CanonicalJson.readTree(verified.report());
        assertThat(report.path("entries").asLong()).isEqualTo(ARRAYS * DOCUMENTS + 2);
    }

    /** What the heap held after the last full collection (Micrometer's jvm.gc.live.data.size), 0 if unknown. */
    private static double liveHeap(ChildHub child) {
        try {
            return CanonicalJson.readTree(child.get("/actuator/metrics/jvm.gc.live.data.size"))
                    .path("measurements").path(0).path("value").asDouble();
        } catch (Exception e) {
            return 0;
        }
    }

    /** The round's latest snapshot sent, as the commission reads it (an empty object before the first). */
    private static JsonNode snapshot(ChildHub child) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + child.port() + "/api/commission/rounds/" + ROUND))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("commission:"
                        + COMMISSION_PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? CanonicalJson.readTree(response.body())
                : CanonicalJson.mapper().createObjectNode();
    }
}
