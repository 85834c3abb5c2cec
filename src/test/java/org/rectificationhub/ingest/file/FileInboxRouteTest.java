package org.rectificationhub.ingest.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ledger.LedgerVerifier;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.ledger.Quarantine;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.ROUND_ID;
import static org.rectificationhub.support.Examples.URBAN;

/** The file-drop channel end to end on the embedded database, with one route advised to fail transiently. */
@SpringBootTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FileInboxRouteTest {

    static final HubFolders hub = HubFolders.create();
    static final AtomicInteger transientFailures = new AtomicInteger();
    static boolean advised;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
    }

    @Autowired
    CamelContext camel;
    @Autowired
    LedgerQueries queries;
    @Autowired
    Quarantine quarantine;
    @Autowired
    LedgerVerifier verifier;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void adviseOnce() throws Exception {
        if (advised) {
            return;
        }
        advised = true;
        // The running route is advised (Camel restarts it): no file is dropped before.
        // A file whose name says so fails twice, as a flaky database would, then goes through.
        AdviceWith.adviceWith(camel, "file-inbox", route -> route.weaveById("take-file").before()
                .process(exchange -> {
                    if (exchange.getMessage().getHeader("CamelFileName", String.class).contains("flaky")
                            && transientFailures.incrementAndGet() <= 2) {
                        throw new org.springframework.dao.TransientDataAccessResourceException("connection reset");
                    }
                }));
    }

    /** Done means processed and moved out of the inbox: the move happens as the exchange completes. */
    private NotifyBuilder fileDone(String name) {
        return new NotifyBuilder(camel).fromRoute("file-inbox")
                .filter(e -> e.getIn().getHeader("CamelFileName", "", String.class).endsWith("/" + name))
                .whenDone(1).create();
    }

    private boolean processed(NotifyBuilder done, String department, String name) {
        return done.matches(10, TimeUnit.SECONDS)
                && await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(hub.inbox(department).resolve(name)),
                gone -> gone);
    }

    @Test
    @Order(1)
    void theSchemaExamplesDroppedInTheirInboxesReachTheLedgerAndAreArchived() {
        NotifyBuilder round = fileDone("round.json");
        hub.drop(OFFICE, "round.json", Examples.roundJson().toString());
        assertThat(processed(round, OFFICE, "round.json")).isTrue();
        NotifyBuilder progress = fileDone("progress.json");
        hub.drop(ECONOMY, "progress.json", Examples.progressJson().toString());

        assertThat(processed(progress, ECONOMY, "progress.json")).isTrue();
        assertThat(queries.problems(ROUND_ID).orElseThrow()).hasSize(3);
        assertThat(hub.files("archive")).extracting(p -> p.getFileName().toString())
                .anyMatch(n -> n.endsWith("-round.json")).anyMatch(n -> n.endsWith("-progress.json"));
        assertThat(hub.files("inbox")).isEmpty();
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    @Order(2)
    void aMalformedFileIsQuarantinedWithItsBytesAndMovedToErrorWithAReason() throws Exception {
        NotifyBuilder done = fileDone("broken.json");
        String broken = "{\"kind\": \"progress\", \"status\": ";
        hub.drop(URBAN, "broken.json", broken);

        assertThat(processed(done, URBAN, "broken.json")).isTrue();
        Map<String, Object> latest = quarantine.recent(1).get(0);
        assertThat(latest.get("source")).isEqualTo("urban-management/broken.json");
        assertThat((String) latest.get("reason")).startsWith("not valid JSON at line 1");
        assertThat(new String(quarantine.original((Long) latest.get("id")))).isEqualTo(broken);
        Path moved = hub.files("error").stream().filter(p -> p.toString().endsWith("-broken.json")).findFirst()
                .orElseThrow();
        assertThat(Files.readString(Path.of(moved + ".reason.txt"))).contains("not valid JSON")
                .contains("quarantine #" + latest.get("id"));
    }

    @Test
    @Order(3)
    void oneBadDocumentInAnArrayDoesNotHoldBackTheOthers() throws Exception {
        NotifyBuilder done = fileDone("batch.json");
        ObjectNode good1 = Examples.progressJson().put("updateId", "batch-1").put("sequence", 10)
                .put("measureSeq", 2).put("status", "in-progress");
        ObjectNode bad = Examples.progressJson().put("updateId", "batch-2").put("status", "half-done");
        ObjectNode good2 = Examples.progressJson().put("updateId", "batch-3").put("sequence", 11);
        hub.drop(ECONOMY, "batch.json", CanonicalJson.mapper().createArrayNode().add(good1).add(bad).add(good2)
                .toString());

        assertThat(processed(done, ECONOMY, "batch.json")).isTrue();
        assertThat(jdbc.queryForList("select update_id from ledger_entry where update_id like 'batch-%'"
                + " order by update_id", String.class)).containsExactly("batch-1", "batch-3");
        Map<String, Object> rejected = quarantine.recent(1).get(0);
        assertThat(rejected.get("documentIndex")).isEqualTo(2);
        assertThat((String) rejected.get("reason")).contains("$.status").contains("enumeration");
        Path reason = hub.files("error").stream().filter(p -> p.toString().endsWith("-batch.json.reason.txt"))
                .findFirst().orElseThrow();
        assertThat(Files.readString(reason)).contains("1 of 3 document(s) rejected").contains("Document 2")
                .contains("Document 1 (updateId batch-1): ACCEPTED");
    }

    @Test
    @Order(4)
    void aFileInAFolderOfNoConfiguredDepartmentIsQuarantined() {
        NotifyBuilder done = fileDone("x.json");
        hub.drop("unknown-bureau", "x.json", Examples.progressJson().put("department", "unknown-bureau").toString());

        assertThat(processed(done, "unknown-bureau", "x.json")).isTrue();
        assertThat((String) quarantine.recent(1).get(0).get("reason")).startsWith("unknown department 'unknown-bureau'");
    }

    @Test
    @Order(5)
    void aTransientFailureIsRetriedAndTheDocumentStillCommitsOnce() {
        NotifyBuilder done = fileDone("flaky.json");
        hub.drop(ECONOMY, "flaky.json", Examples.progressJson().put("updateId", "flaky-1").put("sequence", 20)
                .put("progress", "flaky-database").toString());

        assertThat(processed(done, ECONOMY, "flaky.json")).isTrue();
        assertThat(transientFailures.get()).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where update_id = 'flaky-1'",
                Long.class)).isEqualTo(1);
        assertThat(hub.files("archive")).anyMatch(p -> p.toString().endsWith("-flaky.json"));
    }

    @Test
    @Order(6)
    void temporaryNamesAreNeverTaken() throws Exception {
        Path partial = hub.inbox(ECONOMY).resolve("upload.json.part");
        Files.writeString(partial, "{\"half\": ");
        Path hidden = hub.inbox(ECONOMY).resolve(".upload.json");
        Files.writeString(hidden, "{\"half\": ");

        Thread.sleep(1500);

        assertThat(partial).exists();
        assertThat(hidden).exists();
        Files.delete(partial);
        Files.delete(hidden);
    }

    @Test
    @Order(7)
    void aFileStillBeingWrittenIsTakenOnlyOnceItIsComplete() throws Exception {
        NotifyBuilder done = fileDone("slow.json");
        byte[] content = Examples.progressJson().put("updateId", "slow-1").put("sequence", 30).toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path slow = hub.inbox(ECONOMY).resolve("slow.json");
        try (var out = Files.newOutputStream(slow)) {
            for (int i = 0; i < content.length; i += 40) {
                out.write(content, i, Math.min(40, content.length - i));
                out.flush();
                Thread.sleep(60);
            }
        }

        assertThat(processed(done, ECONOMY, "slow.json")).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where update_id = 'slow-1'", Long.class))
                .isEqualTo(1);
        assertThat(quarantine.recent(50)).noneMatch(q -> "economic-development/slow.json".equals(q.get("source")));
    }

    @Test
    @Order(8)
    void theFilesOfOnePollGoToTheLedgerInOneTransactionAndABadOneHoldsBackNone() throws Exception {
        camel.getRouteController().stopRoute("file-inbox");
        int files = 20;
        for (int i = 1; i <= files; i++) {
            hub.drop(ECONOMY, "weekly-" + i + ".json", Examples.progressJson().put("updateId", "weekly-" + i)
                    .put("sequence", 100 + i).toString());
        }
        hub.drop(ECONOMY, "broken-weekly.json", "{\"kind\": \"progress\", ");
        Thread.sleep(500); // every file settled: the first poll sees them all
        double batchesBefore = batches();
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute("file-inbox").whenDone(files + 1).create();

        camel.getRouteController().startRoute("file-inbox");

        assertThat(done.matches(20, TimeUnit.SECONDS)).isTrue();
        assertThat(batches() - batchesBefore).as("ledger transactions for the poll").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where update_id like 'weekly-%'",
                Long.class)).isEqualTo(files);
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.files("inbox").isEmpty());
        assertThat(hub.files("archive")).filteredOn(p -> p.getFileName().toString().contains("-weekly-"))
                .hasSize(files);
        assertThat(hub.files("error")).anyMatch(p -> p.getFileName().toString().endsWith("-broken-weekly.json"));
    }

    private double batches() {
        return meters.find("hub.intake.batch.stage").tag("stage", "read").timer().count();
    }
}
