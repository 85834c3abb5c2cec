package org.rectificationhub.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rectificationhub.BatchStages;
import org.rectificationhub.HubProperties;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.ProgressUpdate;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.ledger.CommitResult.Outcome;
import org.rectificationhub.support.Examples;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.ROUND_ID;
import static org.rectificationhub.support.Examples.URBAN;

/** The ledger's rules, run against each database the hub supports (see the subclasses). */
abstract class LedgerContract {

    HikariDataSource dataSource;
    JdbcTemplate jdbc;
    Ledger ledger;
    LedgerQueries queries;
    LedgerVerifier verifier;
    Checkpoints checkpoints;
    @TempDir
    Path dataDir;

    abstract HikariDataSource newDatabase();

    void dropDatabase() {
    }

    @BeforeEach
    void openLedger() {
        dataSource = newDatabase();
        jdbc = new JdbcTemplate(dataSource);
        ledger = ledgerOn(dataSource, "test-hub-1");
        queries = new LedgerQueries(jdbc);
        HubProperties properties = properties(dataDir, "test-hub-1");
        checkpoints = new Checkpoints(jdbc, new SigningKeys(properties, "", List.of()), properties);
        verifier = new LedgerVerifier(jdbc, checkpoints);
    }

    @AfterEach
    void closeLedger() {
        if (dataSource != null) {
            dropDatabase();
            dataSource.close();
        }
    }

    static Ledger ledgerOn(HikariDataSource dataSource, String instance) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return new Ledger(new DataSourceTransactionManager(dataSource), new EntryLog(jdbc), new Projection(jdbc),
                jdbc, Examples.departments(), properties(Path.of("build-data"), instance),
                gateOn(jdbc, instance), new BatchStages(new SimpleMeterRegistry()));
    }

    /** The gate as every instance has it: the break read from the database, not cached. */
    static IntegrityGate gateOn(JdbcTemplate jdbc, String instance) {
        return new IntegrityGate(jdbc, properties(Path.of("build-data"), instance), java.time.Duration.ZERO);
    }

    static HubProperties properties(Path dataDir, String instance) {
        return new HubProperties(dataDir, instance, List.of(),
                new HubProperties.Limits(DataSize.ofMegabytes(20), 1000, 5000, 4 * 1024 * 1024, 200_000));
    }

    CommitResult commit(CanonicalDocument doc) {
        return ledger.commit(new Submission(doc, doc.department(), "test", "unit-test"));
    }

    CommitResult registerRound() {
        return commit(Examples.round());
    }

    static ProgressUpdate progress(Consumer<ObjectNode> change) {
        return Examples.progress(change);
    }

    Map<String, Object> problem(int no) {
        return queries.problems(ROUND_ID).orElseThrow().stream()
                .filter(p -> p.get("problemNo").equals(no)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    String measureStatus(int problemNo, int seq) {
        return ((List<Map<String, Object>>) problem(problemNo).get("measures")).stream()
                .filter(m -> m.get("seq").equals(seq)).map(m -> (String) m.get("status")).findFirst().orElseThrow();
    }

    long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    @Test
    void officeRegistersTheExampleRoundWithItsProblemsAndMeasures() {
        CommitResult result = registerRound();

        assertThat(result.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(result.entryId()).isEqualTo(1L);
        assertThat(queries.rounds()).extracting(r -> r.get("roundId")).containsExactly(ROUND_ID);
        assertThat(queries.problems(ROUND_ID).orElseThrow()).extracting(p -> p.get("problemNo"))
                .containsExactly(1, 4, 14);
        assertThat(problem(1).get("status")).isEqualTo("in-progress");
        assertThat(problem(4).get("deadline")).isEqualTo("long-term");
        assertThat(measureStatus(1, 2)).isEqualTo("not-started");
    }

    @Test
    void progressOnAMeasureUpdatesItAndRollsUpTheProblem() {
        registerRound();
        commit(progress(p -> p.put("measureSeq", 2).put("status", "completed").put("updateId", "m2")));

        CommitResult result = commit(progress(p -> p.put("sequence", 2)));

        assertThat(result.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(measureStatus(1, 1)).isEqualTo("completed");
        assertThat(problem(1).get("status")).isEqualTo("completed");
        assertThat(problem(1).get("entries")).isEqualTo(3);
    }

    @Test
    void aDocumentRepeatedWithinOneBatchIsRecordedOnceWhateverItsUpdateId() {
        registerRound();
        ProgressUpdate update = progress(p -> { });
        ProgressUpdate resentUnderANewId = progress(p -> p.put("updateId", "retried-with-a-fresh-id"));
        ProgressUpdate reusedId = progress(p -> p.put("progress", "other content under the same updateId"));

        List<CommitResult> results = ledger.commitAll(java.util.stream.Stream.of(update, update, resentUnderANewId,
                reusedId).map(d -> new Submission(d, d.department(), "test", "one-batch")).toList());

        assertThat(results).extracting(CommitResult::outcome).containsExactly(Outcome.ACCEPTED, Outcome.DUPLICATE,
                Outcome.DUPLICATE, Outcome.REJECTED);
        assertThat(results.get(1).entryId()).isEqualTo(results.get(0).entryId());
        assertThat(results.get(2).entryId()).isEqualTo(results.get(0).entryId());
        assertThat(count("idempotency_key")).isEqualTo(2);
        assertThat(count("outbox")).isEqualTo(4);
    }

    @Test
    void theSameDocumentReceivedTwiceIsRecordedOnce() {
        registerRound();
        ProgressUpdate update = progress(p -> { });

        CommitResult first = commit(update);
        CommitResult second = commit(update);

        assertThat(second.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(second.entryId()).isEqualTo(first.entryId());
        assertThat(count("ledger_entry")).isEqualTo(2);
    }

    @Test
    void aRetryWithAFreshUpdateIdButTheSameContentIsADuplicate() {
        registerRound();
        commit(progress(p -> { }));

        CommitResult retry = commit(progress(p -> p.put("updateId", "regenerated-by-sender")));

        assertThat(retry.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(count("ledger_entry")).isEqualTo(2);
    }

    @Test
    void aReusedUpdateIdWithOtherContentIsRejectedNamingTheEarlierEntry() {
        registerRound();
        commit(progress(p -> p.put("status", "in-progress")));

        CommitResult reuse = commit(progress(p -> p.put("status", "completed").put("sequence", 9)));

        assertThat(reuse.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(reuse.reason()).contains("already used for entry 2", "different content");
        assertThat(count("ledger_entry")).isEqualTo(2);
        assertThat(measureStatus(1, 1)).isEqualTo("in-progress");
    }

    @Test
    void aLowerSequenceIsKeptInHistoryButNeverOverwritesNewerState() {
        registerRound();
        commit(progress(p -> p.put("sequence", 5).put("status", "completed").put("updateId", "new")));

        CommitResult older = commit(progress(p -> p.put("sequence", 3).put("status", "in-progress")
                .put("updateId", "old")));

        assertThat(older.outcome()).isEqualTo(Outcome.STALE);
        assertThat(older.entryId()).isNotNull();
        assertThat(measureStatus(1, 1)).isEqualTo("completed");
        assertThat(jdbc.queryForObject("select applied from ledger_entry where id = ?", Boolean.class,
                older.entryId())).isFalse();
    }

    @Test
    void aDepartmentMayNotReportOnAProblemAssignedToAnother() {
        registerRound();

        CommitResult result = commit(progress(p -> p.put("department", URBAN)));

        assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(result.reason()).contains("'urban-management' is not responsible for problem 1");
        assertThat(count("ledger_entry")).isEqualTo(1);
    }

    @Test
    void aResponsibleUnitNamedInChineseAuthorisesItsDepartment() {
        commit(Examples.round(r -> ((ObjectNode) r.withArray("problems").get(0))
                .putArray("responsibleUnits").add("经发局")));

        assertThat(commit(progress(p -> { })).outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void theOfficeMayReportOnAnyProblemButOthersMayNotRegisterRounds() {
        registerRound();

        assertThat(commit(progress(p -> p.put("department", OFFICE))).outcome()).isEqualTo(Outcome.ACCEPTED);
        CommitResult foreignRound = commit(Examples.round(r -> r.put("department", ECONOMY)));
        assertThat(foreignRound.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(foreignRound.reason()).contains("only the rectification office may register rounds");
    }

    @Test
    void aDocumentClaimingAnotherDepartmentThanItsChannelIsRejected() {
        registerRound();

        CommitResult result = ledger.commit(new Submission(progress(p -> { }), URBAN, "test", "spoof"));

        assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(result.reason()).contains("claims 'economic-development' but arrived from 'urban-management'");
    }

    @Test
    void unknownRoundProblemOrMeasureIsRejectedWithTheField() {
        registerRound();

        assertThat(commit(progress(p -> p.put("roundId", "nope"))).reason()).startsWith("roundId: unknown round 'nope'");
        assertThat(commit(progress(p -> p.put("problemNo", 99))).reason()).startsWith("problemNo:");
        assertThat(commit(progress(p -> p.put("measureSeq", 7))).reason()).startsWith("measureSeq:");
        assertThat(count("ledger_entry")).isEqualTo(1);
    }

    @Test
    void statusChangesThatMakeNoSenseAreRejected() {
        registerRound();
        commit(progress(p -> p.put("status", "completed").put("updateId", "a")));
        commit(progress(p -> p.put("department", OFFICE).put("status", "closed").put("sequence", 2)
                .put("updateId", "b")));

        CommitResult back = commit(progress(p -> p.put("status", "not-started").put("sequence", 3)
                .put("updateId", "c")));

        assertThat(back.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(back.reason()).startsWith("status:").contains("closed");
        assertThat(measureStatus(1, 1)).isEqualTo("closed");
    }

    @Test
    void onlyTheOfficeClosesAnItem() {
        registerRound();
        commit(progress(p -> p.put("status", "completed").put("updateId", "a")));

        CommitResult close = commit(progress(p -> p.put("status", "closed").put("sequence", 2).put("updateId", "b")));

        assertThat(close.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(close.reason()).contains("only the rectification office may close");
    }

    @Test
    void onlyTheOfficeExemptsAProblemFromPublication() {
        registerRound();
        ObjectNode exemption = (ObjectNode) Examples.officeExemption().get("exemption");

        CommitResult own = commit(progress(p -> p.set("exemption", exemption.deepCopy())));
        CommitResult office = commit(Examples.document(Examples.officeExemption()));

        assertThat(own.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(own.reason()).contains("only the rectification office may exempt a problem from publication");
        assertThat(office.outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void aLaterRegistrationAmendsTheRoundAndDeletesNothingByOmission() {
        registerRound();
        RoundRegistration amendment = Examples.round(r -> {
            r.put("sequence", 2).put("updateId", "office-amend-2");
            var problems = r.withArray("problems");
            ((ObjectNode) problems.get(0)).put("title", "加深认识（修订）");
            problems.remove(2);
            problems.remove(1);
            ObjectNode added = problems.addObject();
            added.put("problemNo", 20).put("title", "推动对整改后再犯问题的整改");
            added.putObject("category").put("no", 6).put("title", "关于聚焦难点堵点方面");
            added.putArray("responsibleUnits").add(URBAN);
            added.putArray("measures");
        });

        assertThat(commit(amendment).outcome()).isEqualTo(Outcome.ACCEPTED);

        assertThat(queries.problems(ROUND_ID).orElseThrow()).extracting(p -> p.get("problemNo"))
                .containsExactly(1, 4, 14, 20);
        assertThat(problem(1).get("title")).isEqualTo("加深认识（修订）");
        assertThat(measureStatus(1, 2)).isEqualTo("not-started");
    }

    @Test
    void aLaterNoticeThatNamesNoResponsibleUnitsKeepsTheAssignedOnes() {
        registerRound();
        commit(Examples.round(r -> {
            r.put("sequence", 2).put("updateId", "notice-later");
            r.withArray("problems").forEach(p -> ((ObjectNode) p).putArray("responsibleUnits"));
        }));

        assertThat(problem(1).get("responsibleUnits").toString()).contains(ECONOMY);
        assertThat(commit(progress(p -> { })).outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void anOlderRegistrationOfTheRoundIsKeptInHistoryOnly() {
        commit(Examples.round(r -> r.put("sequence", 5)));

        CommitResult older = commit(Examples.round(r -> r.put("sequence", 4).put("updateId", "older")
                .with("round").put("inspectionTeam", "旧名称")));

        assertThat(older.outcome()).isEqualTo(Outcome.STALE);
        assertThat(queries.rounds().get(0).get("inspectionTeam")).isEqualTo("市委第一巡察组");
    }

    @Test
    void everyCommittedEntryGetsAnOutboxRowPerTarget() {
        registerRound();
        commit(progress(p -> { }));
        commit(progress(p -> p.put("department", URBAN)));

        assertThat(count("outbox")).isEqualTo(2L * Outbox.TARGETS.size());
        assertThat(jdbc.queryForList("select distinct target from outbox order by target", String.class))
                .containsExactly("commission", "publication");
    }

    @Test
    void aRejectedDocumentInABatchDoesNotHoldBackTheOthers() {
        registerRound();
        List<CommitResult> results = ledger.commitAll(List.of(
                submission(progress(p -> p.put("updateId", "ok-1"))),
                submission(progress(p -> p.put("updateId", "bad").put("problemNo", 4))),
                submission(progress(p -> p.put("updateId", "ok-2").put("measureSeq", 2).put("sequence", 2)))));

        assertThat(results).extracting(CommitResult::outcome)
                .containsExactly(Outcome.ACCEPTED, Outcome.REJECTED, Outcome.ACCEPTED);
        assertThat(count("ledger_entry")).isEqualTo(3);
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void aBatchEndsInTheStateItsDocumentsCommittedOneByOneWouldLeave() {
        registerRound();
        commit(progress(p -> p.put("updateId", "before").put("status", "in-progress").put("sequence", 1)));

        List<CommitResult> results = ledger.commitAll(List.of(
                submission(progress(p -> p.put("updateId", "x").put("sequence", 2).put("measureSeq", 2)
                        .put("status", "in-progress"))),
                submission(progress(p -> p.put("department", OFFICE).put("updateId", "y1").put("sequence", 1)
                        .put("status", "in-progress"))),
                submission(progress(p -> p.put("department", OFFICE).put("updateId", "y2").put("sequence", 5)
                        .put("status", "completed")))));

        assertThat(results).extracting(CommitResult::outcome).containsOnly(Outcome.ACCEPTED);
        // The office's sequence row was inserted and then raised within the batch: 4 is no longer newer.
        CommitResult late = commit(progress(p -> p.put("department", OFFICE).put("updateId", "y3").put("sequence", 4)
                .put("status", "in-progress")));
        assertThat(late.outcome()).isEqualTo(Outcome.STALE);
        assertThat(jdbc.queryForObject("select sequence from applied_sequence where department = ?", Long.class,
                OFFICE)).isEqualTo(5L);
        assertThat(measureStatus(1, 1)).isEqualTo("completed");
        assertThat(measureStatus(1, 2)).isEqualTo("in-progress");
        assertThat(problem(1).get("entries")).isEqualTo(6);
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void progressInTheBatchThatRegistersItsRoundIsApplied() {
        List<CommitResult> results = ledger.commitAll(List.of(submission(Examples.round()),
                submission(progress(p -> { })), submission(progress(p -> p.put("updateId", "again")
                        .put("sequence", 2).put("measureSeq", 2).put("status", "in-progress")))));

        assertThat(results).extracting(CommitResult::outcome).containsOnly(Outcome.ACCEPTED);
        assertThat(measureStatus(1, 1)).isEqualTo("completed");
        assertThat(measureStatus(1, 2)).isEqualTo("in-progress");
        assertThat(count("outbox")).isEqualTo(3L * Outbox.TARGETS.size());
    }

    private static Submission submission(CanonicalDocument doc) {
        return new Submission(doc, doc.department(), "test", "batch");
    }

    @Test
    void theChainVerifiesAndItsHeadIsTheLastEntryHash() {
        registerRound();
        CommitResult last = commit(progress(p -> { }));

        LedgerVerifier.Report report = verifier.verify();

        assertThat(report.ok()).isTrue();
        assertThat(report.entries()).isEqualTo(2);
        assertThat(report.head()).isEqualTo(last.entryHash());
    }

    @Test
    void historyCannotBeEditedInPlace() {
        registerRound();

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        jdbc.update("update ledger_entry set department = 'someone-else' where id = 1"))
                .hasMessageContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("delete from ledger_entry"))
                .hasMessageContaining("append-only");
    }

    @Test
    void verificationFindsTheFirstTamperedEntry() {
        registerRound();
        commit(progress(p -> { }));
        commit(progress(p -> p.put("department", OFFICE).put("updateId", "office-1").put("sequence", 7)));
        bypassAppendOnlyGuard();
        jdbc.update("update ledger_entry set canonical_json = replace(canonical_json, 'completed', 'closed')"
                + " where id = 2");

        LedgerVerifier.Report report = verifier.verify();

        assertThat(report.ok()).isFalse();
        assertThat(report.brokenAt()).isEqualTo(2L);
        assertThat(report.entries()).isEqualTo(1);
    }

    /** Only an attacker with the database owner's rights gets here; the test plays that attacker. */
    abstract void bypassAppendOnlyGuard();
}
