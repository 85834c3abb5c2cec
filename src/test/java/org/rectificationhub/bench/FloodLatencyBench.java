package org.rectificationhub.bench;

import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.ChildHub;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HeaviestInput;
import org.rectificationhub.support.HubFolders;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.URBAN;

/**
 * How long another department's small file waits while one department floods the file channel with the heaviest
 * valid input (eight arrays of 1,000 reports of 6,000 characters, 18 MB each), on the packaged hub with its
 * standalone heap and default file settings ({@code ./mvnw -Pbench verify -Dit.test=FloodLatencyBench}). The other
 * department drops one small file, waits until it is archived, drops the next, until the arrays are done; each wait
 * (drop to archive, settling included) is printed with the machine's load average at that moment.
 * -Dbench.flood-arrays sets the number of arrays.
 */
class FloodLatencyBench {

    static final int ARRAYS = Integer.getInteger("bench.flood-arrays", 8);

    @Test
    void anotherDepartmentsFileDuringTheHeaviestFlood() throws Exception {
        HubFolders hub = HubFolders.create();
        List<String> jvm = new ArrayList<>(ChildHub.defaultJvmOptions());
        jvm.add("-XX:+ExitOnOutOfMemoryError");
        List<Long> waits = new ArrayList<>();
        try (ChildHub child = new ChildHub(hub.dataDir(), Map.of("HUB_KAFKA_ENABLED", "false"))
                .withJvmOptions(jvm.toArray(String[]::new)).start(Duration.ofSeconds(240))) {
            // As HeaviestInputIT: what reads the ledger downstream is not bounded for rounds this large yet.
            for (String route : List.of("delivery-relay", "public-site-refresh", "commission-feed")) {
                child.post("/api/routes/" + route + "/stop?comment=intake-only");
            }
            hub.drop(OFFICE, "round.json", Examples.roundJson().toString());
            hub.awaitMoved("archive", "-round.json", Duration.ofSeconds(60));
            for (int a = 0; a < ARRAYS; a++) {
                hub.drop(ECONOMY, "array-" + a + ".json", HeaviestInput.array(a));
            }
            long started = System.nanoTime();
            for (int n = 0; arraysLeft(hub) > 0; n++) {
                Thread.sleep(2000);
                long dropped = System.nanoTime();
                hub.drop(URBAN, "urban-" + n + ".json", Examples.progressJson(1).put("updateId", "flood-urban-" + n)
                        .put("sequence", 1000 + n).toString());
                hub.awaitMoved("archive", "-urban-" + n + ".json", Duration.ofMinutes(15));
                long waited = (System.nanoTime() - dropped) / 1_000_000;
                waits.add(waited);
                System.out.printf("BENCH: flood +%ds, %d array(s) left: urban-%d archived %d ms after its drop;"
                        + " load average %s%n", (dropped - started) / 1_000_000_000L, arraysLeft(hub), n, waited,
                        Files.readString(Path.of("/proc/loadavg")).strip());
            }
            System.out.printf("BENCH: flood of %d arrays done in %d s; the other department's %d file(s) waited"
                            + " at most %d ms, median %d ms%n", ARRAYS, (System.nanoTime() - started) / 1_000_000_000L,
                    waits.size(), waits.stream().mapToLong(Long::longValue).max().orElse(0),
                    waits.stream().sorted().skip(waits.size() / 2).findFirst().orElse(0L));
            assertThat(hub.files("error")).isEmpty();
        }
        ChildHub.Verified verified = ChildHub.verify(hub.dataDir());
        assertThat(verified.exitCode()).as(verified.printed()).isZero();
        assertThat(CanonicalJson.readTree(verified.report()).path("entries").asLong()).as("every report recorded")
                .isEqualTo((long) ARRAYS * HeaviestInput.DOCUMENTS + 1 + waits.size());
    }

    private static long arraysLeft(HubFolders hub) {
        return hub.files("inbox").stream().filter(p -> p.getFileName().toString().startsWith("array-")).count();
    }
}
