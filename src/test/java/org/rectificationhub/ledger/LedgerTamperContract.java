package org.rectificationhub.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rectificationhub.canonical.Status;
import org.rectificationhub.ledger.CommitResult.Outcome;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.ROUND_ID;

/**
 * The ledger proves itself against an attacker with the database owner's rights (who can drop the append-only
 * guard), and its rules hold the office's closure. Run against each database the hub supports.
 */
abstract class LedgerTamperContract extends LedgerWitnessContract {

    /** Round, an accepted department report (entry 2), and an office report (entry 3). */
    private void threeEntries() {
        registerRound();
        commit(progress(p -> { }));
        commit(progress(p -> p.put("department", OFFICE).put("updateId", "office-1").put("sequence", 7)
                .put("measureSeq", 2).put("status", "in-progress")));
    }

    private static ObjectNode office(ObjectNode p, String updateId, long sequence, String status) {
        p.remove("measureSeq");
        return p.put("department", OFFICE).put("updateId", updateId).put("sequence", sequence).put("status", status);
    }

    @Test
    void aDepartmentsMeasureReportCannotUndoTheOfficesClosure() {
        registerRound();
        assertThat(commit(progress(p -> office(p, "office-done", 5, "completed"))).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(commit(progress(p -> office(p, "office-close", 6, "closed"))).outcome()).isEqualTo(Outcome.ACCEPTED);

        CommitResult undo = commit(progress(p -> p.put("updateId", "econ-after-close").put("sequence", 8)
                .put("status", "completed")));

        assertThat(undo.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(undo.reason()).contains("problem 1 would become", "only the rectification office may reopen");
        assertThat(problem(1).get("status")).isEqualTo(Status.CLOSED.code());
    }

    @Test
    void theOfficeMayStillReopenAClosedProblemThroughAMeasure() {
        registerRound();
        commit(progress(p -> office(p, "office-done", 5, "completed")));
        commit(progress(p -> office(p, "office-close", 6, "closed")));

        CommitResult reopen = commit(progress(p -> p.put("department", OFFICE).put("updateId", "office-reopen")
                .put("sequence", 9).put("measureSeq", 2).put("status", "in-progress")));

        assertThat(reopen.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(problem(1).get("status")).isEqualTo(Status.IN_PROGRESS.code());
    }

    @Test
    void anUntouchedLedgerVerifiesWithItsStateReplayed() {
        threeEntries();
        checkpoints.sign(3, jdbc.queryForObject("select entry_hash from ledger_entry where id = 3", String.class));

        LedgerVerifier.Report report = verifier.verify();

        assertThat(report.ok()).as(String.valueOf(report.problem())).isTrue();
        assertThat(report.entries()).isEqualTo(3);
        assertThat(report.checkpoints()).isEqualTo(1); // in the database and in the file: the same one, once
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "applied     | false",
            "update_id   | 'forged-id'",
            "sequence    | 99",
            "problem_no  | 4",
            "round_id    | 'another-round'",
            "source      | 'forged-source'",
            "canonical_json | replace(canonical_json, 'completed', 'closed')"})
    void editingAnyColumnOfAnEntryIsNamedByVerification(String column, String value) {
        threeEntries();
        bypassAppendOnlyGuard();
        jdbc.update("update ledger_entry set " + column + " = " + value + " where id = 2");

        LedgerVerifier.Report report = verifier.verify();

        assertThat(report.ok()).isFalse();
        assertThat(report.brokenAt()).isEqualTo(2L);
        assertThat(report.problem()).isNotBlank();
    }

    @Test
    void anEditedCurrentStateIsNamedByReplayingTheLog() {
        threeEntries();
        jdbc.update("update problem set status = 'closed' where round_id = ? and problem_no = 1", ROUND_ID);

        LedgerVerifier.Report report = verifier.verify();

        assertThat(report.ok()).isFalse();
        assertThat(report.problem()).contains("problem [" + ROUND_ID + ", 1]", "status", "'closed'",
                "replaying the ledger gives 'in-progress'");
    }

    @Test
    void oneRoundIsCheckedAloneForASweepThatGoesRoundByRound() {
        threeEntries();
        commit(org.rectificationhub.support.Examples.round(json -> {
            json.put("updateId", "register-another-round");
            ((ObjectNode) json.get("round")).put("roundId", "another-round");
        }));
        jdbc.update("update problem set progress = 'edited' where round_id = ? and problem_no = 1", ROUND_ID);
        StateReplay replay = new StateReplay(jdbc);

        StateDifference edited = replay.roundDifference(ROUND_ID, 4, Accepted.NONE);

        assertThat(replay.roundDifference("another-round", 4, Accepted.NONE)).isNull();
        assertThat(edited.problem()).contains("problem [" + ROUND_ID + ", 1]", "progress", "'edited'");
        assertThat(edited.finding().kind()).isEqualTo("state");
    }

    @Test
    void aDeletedIdempotencyKeyIsNamed() {
        threeEntries();
        jdbc.update("delete from idempotency_key where entry_id = 2");

        LedgerVerifier.Report report = verifier.verify();

        assertThat(report.ok()).isFalse();
        assertThat(report.problem()).contains("idempotency_key", "is missing");
    }

    @Test
    void aRewriteWithRecomputedHashesIsCaughtAtTheFirstCheckpointAfterTheEdit() throws Exception {
        threeEntries();
        checkpoints.sign(3, jdbc.queryForObject("select entry_hash from ledger_entry where id = 3", String.class));
        bypassAppendOnlyGuard();
        Attacker.rewriteFrom(jdbc, 2, "forged-source");
        assertThat(new ChainVerifier(jdbc).walk(ChainVerifier.Start.GENESIS, List.of()).ok())
                .as("without checkpoints the rewrite is consistent").isTrue();
        jdbc.update("delete from ledger_checkpoint"); // the attacker removes the database's copy too

        LedgerVerifier.Report report = verifier.verify();

        assertThat(report.ok()).isFalse();
        assertThat(report.brokenAt()).isEqualTo(3L);
        assertThat(report.problem()).contains("history was rewritten");
        assertThat(Files.readAllLines(checkpoints.file())).hasSize(1);
    }

    @Test
    void aCheckpointWhoseSignatureDoesNotVerifyIsReportedAsForged() {
        threeEntries();
        checkpoints.sign(3, jdbc.queryForObject("select entry_hash from ledger_entry where id = 3", String.class));
        jdbc.update("update ledger_checkpoint set head_hash = ?", "0".repeat(64));

        LedgerVerifier.Report report = verifier.verify();

        assertThat(report.ok()).isFalse();
        assertThat(report.problem()).contains("does not verify", "forged");
    }

    @Test
    void aDroppedAppendOnlyGuardIsRecreated() {
        registerRound();
        bypassAppendOnlyGuard();

        AppendOnlyGuard.ensure(jdbc);

        assertThatThrownBy(() -> jdbc.update("update ledger_entry set source = 'x' where id = 1"))
                .hasMessageContaining("append-only");
    }

    @Test
    void whatOperatorsDidIsNeverEditedAndADroppedGuardIsRecreated() {
        jdbc.update("insert into audit_log (acted_at, hub_instance, actor, action, target, outcome) values"
                + " (current_timestamp, 'hub-1', 'operator', 'quarantine.discard', 'quarantine/1', 'done')");
        jdbc.update("insert into quarantine (received_at, hub_instance, channel, reason, original_size,"
                + " original_sha256) values (current_timestamp, 'hub-1', 'file', 'bad', 0, ?)", "0".repeat(64));
        long quarantined = jdbc.queryForObject("select max(id) from quarantine", Long.class);
        jdbc.update("insert into quarantine_resolution (quarantine_id, resolved_at, hub_instance, actor, result, state)"
                + " values (?, current_timestamp, 'hub-1', 'operator', 'discarded', 'discarded')", quarantined);

        for (String table : List.of("audit_log", "quarantine_resolution")) {
            assertThatThrownBy(() -> jdbc.update("update " + table + " set actor = 'someone else'"))
                    .hasMessageContaining(table + " is append-only");
            assertThatThrownBy(() -> jdbc.update("delete from " + table)).hasMessageContaining(table + " is append-only");
            jdbc.execute("drop trigger " + table + "_append_only"
                    + (org.rectificationhub.Databases.isPostgres(jdbc) ? " on " + table : ""));
        }
        AppendOnlyGuard.ensure(jdbc);

        for (String table : List.of("audit_log", "quarantine_resolution")) {
            assertThatThrownBy(() -> jdbc.update("delete from " + table)).hasMessageContaining(table + " is append-only");
            assertThat(jdbc.queryForObject("select count(*) from " + table, Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void aBreakHaltsEveryInstanceUntilClearedAndClearingRecordsWhoAcceptedWhat() {
        Ledger other = ledgerOn(dataSource, "test-hub-2");
        gateOn(jdbc, "test-hub-1").halt("entry_hash does not match", 2L, Finding.entry(2, "h", 3));

        assertThatThrownBy(() -> other.commit(new Submission(org.rectificationhub.support.Examples.round(), OFFICE,
                "test", "t"))).isInstanceOf(LedgerHaltedException.class).hasMessageContaining("entry 2");
        assertThat(count("ledger_entry")).isZero();
        gateOn(jdbc, "test-hub-1").clear("operator", "looked at it", new EntryLog(jdbc).head());
        assertThat(other.commit(new Submission(org.rectificationhub.support.Examples.round(), OFFICE, "test", "t"))
                .outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(jdbc.queryForMap("select cleared_by, clear_reason, cleared_position, accept_kind, accept_key,"
                + " accept_value from ledger_break")).containsEntry("cleared_by", "operator").containsEntry("cleared_position", 0L)
                .containsEntry("accept_key", "2");
    }
}
