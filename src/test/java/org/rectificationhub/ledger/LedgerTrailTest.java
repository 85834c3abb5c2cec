package org.rectificationhub.ledger;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.delivery.OutboxState;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.TestDatabases;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.ROUND_ID;

/** The read side the operators' lineage is built on, on H2 and on PostgreSQL: the same answers from both. */
class LedgerTrailTest {

    private HikariDataSource db;
    private String schema;

    @AfterEach
    void close() {
        if (schema != null) {
            new JdbcTemplate(db).execute("drop schema " + schema + " cascade");
        }
        if (db != null) {
            db.close();
        }
    }

    private JdbcTemplate open(String vendor) {
        if (vendor.equals("h2")) {
            db = TestDatabases.h2();
        } else {
            String url = TestDatabases.postgresUrl().orElse(null);
            assumeTrue(url != null, TestDatabases::postgresMissingReason);
            schema = TestDatabases.freshSchemaName();
            db = TestDatabases.postgres(url, schema);
        }
        return new JdbcTemplate(db);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void entriesAreFoundByUpdateIdRoundProblemAndDepartmentAndAProblemsTimelineIsInCommitOrder(String vendor) {
        JdbcTemplate jdbc = open(vendor);
        Ledger ledger = TestLedgers.on(db, "hub-1");
        LedgerTrail trail = new LedgerTrail(jdbc, Examples.departments());
        commit(ledger, Examples.round(), "file", "rectification-office/round.json sha256:" + "0".repeat(64));
        for (int i = 1; i <= 3; i++) {
            int sequence = i;
            commit(ledger, Examples.progress(p -> p.put("updateId", "trail-" + sequence).put("sequence", sequence)),
                    "kafka", "rectification.updates.economic-development-1@" + sequence);
        }
        commit(ledger, Examples.progress(p -> p.put("updateId", "trail-other").put("sequence", 9).put("problemNo", 4)
                .put("department", "urban-management")), "file", "urban-management/x.json");

        assertThat(trail.search(new LedgerTrail.Criteria(null, null, null, "trail-2"), 10)).singleElement()
                .satisfies(e -> {
                    assertThat(e.channel()).isEqualTo("kafka");
                    assertThat(e.source()).endsWith("@2");
                    assertThat(e.department()).isEqualTo(ECONOMY);
                });
        assertThat(trail.search(new LedgerTrail.Criteria(null, null, "urban-management", "trail-2"), 10)).isEmpty();
        assertThat(trail.search(new LedgerTrail.Criteria(ROUND_ID, 1, ECONOMY, null), 2))
                .extracting(LedgerTrail.TracedEntry::updateId).containsExactly("trail-3", "trail-2");

        List<LedgerTrail.TracedEntry> timeline = trail.ofProblem(ROUND_ID, 1, 10);
        assertThat(timeline).extracting(LedgerTrail.TracedEntry::kind)
                .containsExactly("round", "progress", "progress", "progress");
        assertThat(trail.ofProblem(ROUND_ID, 1, 2)).extracting(LedgerTrail.TracedEntry::updateId)
                .containsExactly("trail-2", "trail-3");
        assertThat(trail.countOfProblem(ROUND_ID, 1)).isEqualTo(4);
        assertThat(trail.problem(ROUND_ID, 1)).hasValueSatisfying(p -> assertThat(p.title()).isNotBlank());
        assertThat(trail.problem(ROUND_ID, 99)).isEmpty();

        Map<Long, List<OutboxState.Delivery>> deliveries = new OutboxState(jdbc).ofEntries(
                timeline.stream().map(LedgerTrail.TracedEntry::entryId).toList());
        assertThat(deliveries).hasSize(4).allSatisfy((id, each) -> assertThat(each)
                .extracting(OutboxState.Delivery::target, OutboxState.Delivery::state)
                .containsExactlyInAnyOrder(tuple("commission", "pending"),
                        tuple("publication", "pending")));

        Map<String, Map<String, OffsetDateTime>> last = trail.lastReceivedSince(OffsetDateTime.now().minusDays(1));
        assertThat(last.get("kafka")).containsOnlyKeys(ECONOMY);
        assertThat(last.get("file")).containsOnlyKeys(OFFICE, "urban-management");
        assertThat(trail.lastReceivedSince(OffsetDateTime.now().plusMinutes(1))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void rejectedDocumentsAreFoundByTheirUpdateIdsNewestFirst(String vendor) {
        JdbcTemplate jdbc = open(vendor);
        Quarantine quarantine = new Quarantine(jdbc, new QuarantineSearch(jdbc), LedgerContract.properties(Path.of("build-data"), "hub-1"));
        for (int i = 1; i <= 3; i++) {
            byte[] bytes = ("{\"n\":" + i + "}").getBytes();
            quarantine.record(new Quarantine.Input("file", ECONOMY, "economic-development/q" + i + ".json",
                    bytes.length, CanonicalJson.sha256(bytes), bytes, null, null, null, null),
                    List.of(new Quarantine.Rejected(1, i == 3 ? "other" : "wanted", "reason " + i, null)));
        }
        assertThat(quarantine.ofUpdateIds(List.of("wanted", "missing"), null, 10))
                .extracting(row -> row.get("reason")).containsExactly("reason 2", "reason 1");
        assertThat(quarantine.ofUpdateIds(List.of("wanted"), null, 1)).hasSize(1);
        assertThat(quarantine.ofUpdateIds(List.of("wanted"), "urban-management", 10)).isEmpty();
        assertThat(quarantine.ofUpdateIds(List.of(), null, 10)).isEmpty();
    }

    private static void commit(Ledger ledger, CanonicalDocument doc, String channel, String source) {
        assertThat(ledger.commit(new Submission(doc, doc.department(), channel, source)).isRecorded()).isTrue();
    }
}
