package org.rectificationhub.ingest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rectificationhub.ledger.Ledger;
import org.rectificationhub.ledger.Submission;
import org.rectificationhub.ops.ActionResult;
import org.rectificationhub.ops.quarantine.QuarantineActions;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.URBAN;

/**
 * The hub's own faults on the file channel, planted: a defect of the reader on one file, the ledger failing on one
 * document. That file is tried again with back-off, then parked (kept whole in quarantine as the hub's fault, moved
 * out of the inbox only then, with a reason that does not blame its sender); the files beside it are recorded; once
 * mended, an operator's replay records it.
 */
@SpringBootTest(properties = {"hub.retry.delay=20", "hub.retry.attempts=2"})
class FileChannelHubFaultsTest {

    static final HubFolders hub = HubFolders.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
    }

    @MockitoSpyBean
    RoundResolver rounds;
    @MockitoSpyBean
    Ledger ledger;
    @Autowired
    QuarantineActions actions;
    @Autowired
    JdbcTemplate jdbc;

    final AtomicBoolean broken = new AtomicBoolean();
    final AtomicInteger failures = new AtomicInteger();

    @BeforeEach
    void registerTheRound() {
        if (entries("round-%") == 0) {
            hub.drop(OFFICE, "round.json", Examples.roundJson().toString());
            hub.awaitMoved("archive", "-round.json", Duration.ofSeconds(30));
        }
    }

    @AfterEach
    void mend() {
        broken.set(false);
    }

    @Test
    void aReaderDefectOnOneFileParksThatFileAloneAndTheNextFileIsRecorded() throws Exception {
        doAnswer(call -> {
            if (broken.get()) {
                failures.incrementAndGet();
                throw new IllegalStateException("reader defect (planted)");
            }
            return call.callRealMethod();
        }).when(rounds).resolve(any(), any());
        broken.set(true);
        hub.drop(OFFICE, "notice.txt", notice());
        hub.drop(ECONOMY, "after-defect.json", Examples.progressJson().put("updateId", "after-defect-1")
                .put("sequence", 50).toString());

        Path parked = hub.awaitMoved("error", "-notice.txt", Duration.ofSeconds(30));
        hub.awaitMoved("archive", "-after-defect.json", Duration.ofSeconds(30));
        assertThat(entries("after-defect-1")).as("the next file recorded").isEqualTo(1);
        assertThat(failures.get()).as("taken with the others, alone, then tried again twice").isEqualTo(4);
        assertThat(HubFolders.reasonBeside(parked)).contains("PARKED", Reasons.PARKED)
                .doesNotContain("reader defect").doesNotContain("REJECTED");
        long id = parkedRow("notice.txt", "reader defect (planted)");

        broken.set(false);
        ActionResult replayed = actions.replay(id, "operator", "reader mended");
        assertThat(replayed.isDone()).as(replayed.message()).isTrue();
        assertThat(replayed.message()).startsWith("recorded as entry");
        assertThat(hub.files("inbox")).isEmpty();
    }

    @Test
    void theLedgerFailingOnOneDocumentParksItsFileAloneAndItsReplayRecordsItOnceMended() {
        doAnswer(call -> {
            List<Submission> batch = call.getArgument(0);
            if (broken.get() && batch.stream().anyMatch(s -> s.document().updateId().equals("ledger-defect-1"))) {
                throw new IllegalStateException("ledger defect (planted)");
            }
            return call.callRealMethod();
        }).when(ledger).commitAll(anyList());
        broken.set(true);
        hub.drop(ECONOMY, "ledger-defect.json", Examples.progressJson().put("updateId", "ledger-defect-1")
                .put("sequence", 60).toString());
        hub.drop(URBAN, "beside-defect.json", Examples.progressJson(1).put("updateId", "beside-defect-1")
                .put("sequence", 60).toString());

        Path parked = hub.awaitMoved("error", "-ledger-defect.json", Duration.ofSeconds(30));
        hub.awaitMoved("archive", "-beside-defect.json", Duration.ofSeconds(30));
        assertThat(entries("beside-defect-1")).isEqualTo(1);
        assertThat(entries("ledger-defect-1")).isZero();
        assertThat(HubFolders.reasonBeside(parked)).contains(Reasons.PARKED).doesNotContain("ledger defect");
        long id = parkedRow("ledger-defect.json", "ledger defect (planted)");

        broken.set(false);
        ActionResult replayed = actions.replay(id, "operator", "ledger mended");
        assertThat(replayed.isDone()).as(replayed.message()).isTrue();
        assertThat(entries("ledger-defect-1")).isEqualTo(1);
    }

    /** The one quarantine row of the file: parked as the hub's fault, its error for operators. */
    private long parkedRow(String fileName, String error) {
        List<Map<String, Object>> rows = jdbc.queryForList("select q.id, q.hub_fault, q.reason, q.document_index"
                + " from quarantine q join quarantine_input i on q.input_id = i.id where i.file_name = ?", fileName);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("hub_fault")).as("never blamed on the sender").isEqualTo(true);
            assertThat((String) row.get("reason")).startsWith("parked:").contains(error);
            assertThat(((Number) row.get("document_index")).intValue()).isEqualTo(Intake.WHOLE_INPUT);
        });
        return ((Number) rows.get(0).get("id")).longValue();
    }

    private long entries(String updateIdLike) {
        return jdbc.queryForObject("select count(*) from ledger_entry where update_id like ?", Long.class,
                updateIdLike);
    }

    private static byte[] notice() throws IOException {
        try (InputStream in = FileChannelHubFaultsTest.class.getClassLoader()
                .getResourceAsStream("samples/notices/guancheng-2025.txt")) {
            return in.readAllBytes();
        }
    }
}
