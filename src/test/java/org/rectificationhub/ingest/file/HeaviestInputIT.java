package org.rectificationhub.ingest.file;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.ChildHub;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HeaviestInput;
import org.rectificationhub.support.HubFolders;

import java.time.Duration;
import java.util.ArrayList;
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
 * database. The routes that read the ledger downstream are stopped: they are not the intake's, and their memory is
 * not bounded yet.
 */
class HeaviestInputIT {

    static final int ARRAYS = 4;
    static final int DOCUMENTS = HeaviestInput.DOCUMENTS;

    private final HubFolders hub = HubFolders.create();
    private final Map<String, String> environment = Map.of("HUB_KAFKA_ENABLED", "false", "HUB_FILE_SETTLE_MS", "200",
            "HUB_FILE_POLL_MS", "100");

    @Test
    void fourArraysOf18MegabytesAreRecordedOnTheStandaloneHeapAndAnotherDepartmentIsNotKeptWaiting() throws Exception {
        List<String> jvm = new ArrayList<>(ChildHub.defaultJvmOptions());
        jvm.add("-XX:+ExitOnOutOfMemoryError");
        try (ChildHub child = new ChildHub(hub.dataDir(), environment).withJvmOptions(jvm.toArray(String[]::new))
                .start(Duration.ofSeconds(240))) {
            // What reads the ledger downstream waits: the public site and the commission's snapshot each read a round's
            // whole history into the heap, and a round of 4,000 such reports exhausts it (their own limit to set).
            for (String route : List.of("delivery-relay", "public-site-refresh", "commission-feed")) {
                child.post("/api/routes/" + route + "/stop?comment=intake-only");
            }
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
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (hub.files("archive").size() < ARRAYS + 2) {
                assertThat(System.nanoTime()).as("every array archived in time").isLessThan(deadline);
                // The database's health: the hub's own is DOWN while operators hold routes stopped (issue 21).
                assertThat(child.status("/actuator/health/db")).as("the database's health throughout").isEqualTo(200);
                Thread.sleep(500);
            }
            assertThat(hub.files("error")).isEmpty();
        }
        ChildHub.Verified verified = ChildHub.verify(hub.dataDir());
        assertThat(verified.exitCode()).as(verified.printed()).isZero();
        JsonNode report = CanonicalJson.readTree(verified.report());
        assertThat(report.path("entries").asLong()).isEqualTo(ARRAYS * DOCUMENTS + 2);
    }
}
