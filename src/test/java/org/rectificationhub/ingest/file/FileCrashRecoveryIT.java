package org.rectificationhub.ingest.file;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.ChildHub;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.ROUND_ID;

/** SIGKILL the standalone hub while it takes 500 files; after a restart every document is in the ledger once. */
class FileCrashRecoveryIT {

    private static final int FILES = 500;

    private final HubFolders hub = HubFolders.create();
    private final Map<String, String> environment = Map.of("HUB_KAFKA_ENABLED", "false", "HUB_FILE_SETTLE_MS", "200",
            "HUB_FILE_POLL_MS", "100");

    @Test
    void killingTheHubMidStreamLosesAndDuplicatesNothing() throws Exception {
        try (ChildHub first = new ChildHub(hub.dataDir(), environment).start(Duration.ofSeconds(90))) {
            hub.drop(OFFICE, "round.json", Examples.roundJson().toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> first.status("/api/rounds/" + ROUND_ID + "/problems") == 200);
            for (int i = 1; i <= FILES; i++) {
                hub.drop(ECONOMY, String.format("p%03d.json", i), Examples.progressJson().put("updateId", "crash-" + i)
                        .put("sequence", i).put("status", "in-progress").put("progress", "report " + i).toString());
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> hub.files("archive").size() >= 60);
            first.kill();
        }
        int left = hub.files("inbox").size();
        assertThat(left).as("killed mid-stream").isGreaterThan(0);

        try (ChildHub second = new ChildHub(hub.dataDir(), environment).start(Duration.ofSeconds(90))) {
            hub.awaitInboxEmpty(Duration.ofSeconds(120));

            JsonNode verify = CanonicalJson.readTree(second.post("/api/ledger/verify"));
            assertThat(verify.get("ok").asBoolean()).isTrue();
            assertThat(verify.get("entries").asInt()).isEqualTo(FILES + 1);
            JsonNode problems = CanonicalJson.readTree(second.get("/api/rounds/" + ROUND_ID + "/problems"));
            assertThat(problems.get(0).get("entries").asInt()).isEqualTo(FILES + 1);
            assertThat(CanonicalJson.readTree(second.get("/api/quarantine"))).isEmpty();
            assertThat(hub.files("archive")).hasSize(FILES + 1);
            System.out.printf("killed with %d of %d files left in the inbox; after restart %d entries, chain ok%n",
                    left, FILES + 1, verify.get("entries").asInt());
        }
    }
}
