package org.rectificationhub.ops.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ingest.IngestReport;
import org.rectificationhub.ingest.Input;
import org.rectificationhub.ingest.Intake;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.parse.TextDecoding;
import org.rectificationhub.support.Examples;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rectificationhub.support.Examples.OFFICE;

/** The office's reports taken straight through the hub's one intake: the sample round, progress, a bad file. */
final class OfficeReports {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(1000);

    private final Intake intake;
    private final LedgerQueries queries;

    OfficeReports(Intake intake, LedgerQueries queries) {
        this.intake = intake;
        this.queries = queries;
    }

    /** The sample round, registered once. */
    void roundRegistered() {
        if (!queries.roundExists(Examples.ROUND_ID)) {
            IngestReport report = intake.take(input("round.json", CanonicalJson.write(Examples.roundJson())));
            assertThat(report.allRecorded()).as(report.toString()).isTrue();
        }
    }

    /** One progress report on the sample round: one more ledger entry; its id. */
    long progress() {
        return progress(1).get(0);
    }

    /** Progress reports committed together (one Kafka batch's way): the relay first sees them all at once. */
    List<Long> progress(int count) {
        roundRegistered();
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = SEQUENCE.incrementAndGet();
            ObjectNode json = Examples.progressJson();
            json.remove(List.of("measureSeq", "evidence", "accountability", "exemption"));
            json.put("department", OFFICE).put("updateId", "console-" + n).put("sequence", n)
                    .put("status", "in-progress").put("progress", "report " + n);
            inputs.add(input("progress-" + n + ".json", CanonicalJson.write(json)));
        }
        List<Long> entries = new ArrayList<>();
        for (IngestReport report : intake.takeAll(inputs)) {
            assertThat(report.allRecorded()).as(report.toString()).isTrue();
            entries.add(report.outcomes().get(0).entryId());
        }
        return entries;
    }

    /** Another round, registered (when not yet) as the office registers one: the sample round under its own id. */
    void roundRegistered(String roundId) {
        if (!queries.roundExists(roundId)) {
            ObjectNode json = Examples.roundJson().put("updateId", "round-" + roundId);
            ((ObjectNode) json.get("round")).put("roundId", roundId);
            IngestReport report = intake.take(input("round-" + roundId + ".json", CanonicalJson.write(json)));
            assertThat(report.allRecorded()).as(report.toString()).isTrue();
        }
    }

    /** Progress on problem 1 of a round the ledger does not know (yet): quarantined; its quarantine id. */
    long progressOnUnregisteredRound(String roundId, String updateId) {
        int n = SEQUENCE.incrementAndGet();
        ObjectNode json = Examples.progressJson();
        json.remove(List.of("measureSeq", "evidence", "accountability", "exemption"));
        json.put("department", OFFICE).put("updateId", updateId).put("sequence", n).put("roundId", roundId)
                .put("status", "in-progress").put("progress", "report " + n);
        IngestReport report = intake.take(input(updateId + ".json", CanonicalJson.write(json)));
        assertThat(report.outcomes()).singleElement().satisfies(o -> assertThat(o.isRejected()).isTrue());
        return report.outcomes().get(0).quarantineId();
    }

    /** A JSON report saved in GB18030 (canonical JSON is UTF-8): quarantined whole; its quarantine id. */
    long rejectedInGb18030(String text) {
        String json = "{\"kind\": \"progress\", \"progress\": \"" + text + "\"}";
        IngestReport report = intake.take(Input.of("file", OFFICE, "inbox/" + OFFICE + "/进展.json",
                json.getBytes(TextDecoding.GB18030), "进展.json", null));
        assertThat(report.outcomes()).hasSize(1);
        assertThat(report.outcomes().get(0).isRejected()).isTrue();
        return report.outcomes().get(0).quarantineId();
    }

    private static Input input(String name, String json) {
        return Input.of("file", OFFICE, "inbox/" + OFFICE + "/" + name, json.getBytes(StandardCharsets.UTF_8), name,
                null);
    }
}
