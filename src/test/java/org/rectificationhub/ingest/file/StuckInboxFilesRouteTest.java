package org.rectificationhub.ingest.file;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rectificationhub.ledger.Quarantine;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.URBAN;
import static org.rectificationhub.support.HubFolders.reasonBeside;

/**
 * A file that is empty or never settles is quarantined (at once, or after the lock timeout) and meanwhile holds up
 * no other department's file: the gate looks at it again next poll instead of waiting on it.
 */
@SpringBootTest
class StuckInboxFilesRouteTest {

    static final HubFolders hub = HubFolders.create();
    /** The settle time in tests is 200 ms, the poll 100 ms: a file is taken well within a second. */
    static final Duration ANOTHER_DEPARTMENT_WITHIN = Duration.ofSeconds(3);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
        registry.add("hub.file.lock-timeout", () -> "2000");
    }

    @Autowired
    Quarantine quarantine;

    @BeforeEach
    void roundRegistered() {
        if (hub.files("archive").stream().noneMatch(p -> p.toString().endsWith("-round.json"))) {
            hub.drop(OFFICE, "round.json", Examples.roundJson().toString());
            hub.awaitMoved("archive", "-round.json", Duration.ofSeconds(10));
        }
    }

    @Test
    void anEmptyFileIsQuarantinedAtOnceWithoutHoldingUpAnotherDepartment() throws Exception {
        Files.createFile(hub.inbox(URBAN).resolve("empty.json"));
        Thread.sleep(500);

        long took = timeToArchive("after-empty.json", "empty-1");
        Path moved = hub.awaitMoved("error", "-empty.json", Duration.ofSeconds(3));

        assertThat(reasonBeside(moved)).contains("empty input");
        assertThat(latestQuarantined("urban-management/empty.json").get("reason").toString()).startsWith("empty input");
        assertThat(hub.inbox(URBAN)).isEmptyDirectory();
        System.out.printf("another department's file took %d ms beside an empty file%n", took);
    }

    @Test
    void aFileThatNeverSettlesIsQuarantinedAfterTheLockTimeoutWithoutHoldingUpAnotherDepartment() throws Exception {
        try (AutoCloseable writer = hub.keepWriting(URBAN, "growing.txt")) {
            Thread.sleep(500);

            long took = timeToArchive("while-growing.json", "growing-1");
            Path moved = hub.awaitMoved("error", "-growing.txt", Duration.ofSeconds(6));

            assertThat(reasonBeside(moved)).contains("still being written after 2 s");
            assertThat(latestQuarantined("urban-management/growing.txt").get("reason").toString())
                    .startsWith("the file was still being written");
            System.out.printf("another department's file took %d ms beside a file that never settles%n", took);
        }
    }

    /** Drops a valid progress report of another department and measures until it is archived. */
    private long timeToArchive(String name, String updateId) {
        long start = System.nanoTime();
        hub.drop(ECONOMY, name, Examples.progressJson().put("updateId", updateId).put("progress", "report " + updateId).toString());
        hub.awaitMoved("archive", "-" + name, ANOTHER_DEPARTMENT_WITHIN);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private Map<String, Object> latestQuarantined(String source) {
        return quarantine.recent(50).stream().filter(q -> source.equals(q.get("source"))).findFirst().orElseThrow();
    }
}
