package org.rectificationhub.ledger;

import org.junit.jupiter.api.Test;
import org.rectificationhub.ledger.CommitResult.Outcome;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.ROUND_ID;

/**
 * What the database alone cannot vouch for: the checkpoints kept outside it hold the chain at start-up and at every
 * tick, and the sweep re-reads what was verified before without anyone asking. Run against each database.
 */
abstract class LedgerWitnessContract extends LedgerProofContract {

    private static final Duration AT_ONCE = Duration.ofMillis(1);

    private void officeReports(int from, int to) {
        for (int n = from; n <= to; n++) {
            long sequence = n;
            assertThat(commit(progress(p -> p.put("department", OFFICE).put("updateId", "office-" + sequence)
                    .put("sequence", sequence).put("status", "in-progress"))).outcome()).isEqualTo(Outcome.ACCEPTED);
        }
    }

    private String hashAt(long position) {
        return jdbc.queryForObject("select entry_hash from ledger_entry where id = ?", String.class, position);
    }

    @Test
    void aLedgerCutBackWhileStoppedHaltsStartUpAndNoCheckpointIsSignedOverIt() throws Exception {
        registerRound();
        officeReports(1, 1);
        watch("test-hub-1").tick(); // signs entry 2
        officeReports(2, 3);
        checkpoints.sign(4, hashAt(4));
        bypassAppendOnlyGuard();
        Attacker.cutTail(jdbc, 2);
        AppendOnlyGuard.ensure(jdbc);
        long signed = count("ledger_checkpoint");
        long lines = Files.readAllLines(checkpoints.file()).size();

        IntegrityWatch restarted = watch("test-hub-1");
        restarted.tick();

        assertThat(gateOn(jdbc, "test-hub-2").broken()).hasValueSatisfying(b -> {
            assertThat(b.entry()).isEqualTo(4L);
            assertThat(b.problem()).contains("the log ends at entry 2", "kept outside the database",
                    "entries were removed");
        });
        assertThat(count("ledger_checkpoint")).isEqualTo(signed);
        assertThat(Files.readAllLines(checkpoints.file())).hasSize((int) lines);
        assertThatThrownBy(() -> officeReports(9, 9)).isInstanceOf(LedgerHaltedException.class);

        restarted.clear("operator", "the database was restored from last night's backup; accepted");
        officeReports(10, 10);
        restarted.tick();
        assertThat(gateOn(jdbc, "test-hub-1").broken()).as("what was cleared is not raised again").isEmpty();
    }

    @Test
    void aRewriteWithRecomputedHashesIsHaltedByACopyKeptElsewhere() throws Exception {
        registerRound();
        officeReports(1, 2);
        checkpoints.sign(3, hashAt(3));
        Path elsewhere = dataDir.resolveSibling(dataDir.getFileName() + "-witness.jsonl");
        Files.copy(checkpoints.file(), elsewhere);
        bypassAppendOnlyGuard();
        Attacker.rewriteFrom(jdbc, 2, "forged-source");
        jdbc.update("delete from ledger_checkpoint");
        Files.delete(checkpoints.file()); // the hub's own copy is lost too: the one kept elsewhere still holds

        watch("test-hub-1", Duration.ZERO, List.of(elsewhere.toString()));

        assertThat(gateOn(jdbc, "test-hub-1").broken()).hasValueSatisfying(b -> {
            assertThat(b.entry()).isEqualTo(3L);
            assertThat(b.problem()).contains(elsewhere.toString(), "history was rewritten");
        });
        Files.delete(elsewhere);
    }

    @Test
    void aStateRowEditedAfterItWasVerifiedIsFoundByTheSweepWithoutAnyoneAsking() {
        registerRound();
        officeReports(1, 2);
        IntegrityWatch watch = watch("test-hub-1", AT_ONCE, List.of());
        watch.tick();
        assertThat(gateOn(jdbc, "test-hub-1").broken()).isEmpty();

        jdbc.update("update problem set status = 'closed' where round_id = ? and problem_no = 1", ROUND_ID);
        watch.tick();

        assertThat(gateOn(jdbc, "test-hub-1").broken()).hasValueSatisfying(b -> assertThat(b.problem())
                .contains("problem [" + ROUND_ID + ", 1]", "'closed'", "found by the sweep of round " + ROUND_ID));
        watch.clear("operator", "closed by hand after review; accepted");
        watch.tick();
        watch.tick();
        assertThat(gateOn(jdbc, "test-hub-1").broken()).as("a cleared finding is not raised again").isEmpty();
    }

    @Test
    void anEntryEditedBeforeTheLatestCheckpointIsFoundByTheSweep() {
        registerRound();
        officeReports(1, 2);
        IntegrityWatch watch = watch("test-hub-1", AT_ONCE, List.of());
        watch.tick();
        assertThat(watch.lastCheckpoint()).hasValueSatisfying(c -> assertThat(c.position()).isEqualTo(3));
        bypassAppendOnlyGuard();
        jdbc.update("update ledger_entry set canonical_json = replace(canonical_json, 'in-progress', 'closed')"
                + " where id = 2");

        watch.tick();

        assertThat(gateOn(jdbc, "test-hub-1").broken()).hasValueSatisfying(b -> {
            assertThat(b.entry()).isEqualTo(2L);
            assertThat(b.problem()).contains("found by the sweep of entries 1 to 3");
        });
    }

    @Test
    void oneInstanceSweepsAtATimeAndTheNextTakesOverWhenItsLeaseEnds() {
        registerRound();
        officeReports(1, 1);
        jdbc.update("update problem set status = 'closed' where round_id = ? and problem_no = 1", ROUND_ID);
        jdbc.update("update ledger_sweep set sweep_instance = 'test-hub-2', sweep_lease_until = ?",
                OffsetDateTime.now().plusHours(1));

        assertThat(sweep("test-hub-1", AT_ONCE).slice()).as("another instance sweeps").isEmpty();

        jdbc.update("update ledger_sweep set sweep_lease_until = ?", OffsetDateTime.now().minusSeconds(1));
        assertThat(sweep("test-hub-1", AT_ONCE).slice()).hasValueSatisfying(r -> assertThat(r.problem())
                .contains("'closed'"));
        assertThat(jdbc.queryForObject("select sweep_instance from ledger_sweep", String.class)).isNull();
    }

    @Test
    void aSweepWithAPeriodOfADaySweepsOnlyItsShareAtATick() {
        registerRound();
        officeReports(1, 1);
        LedgerSweep daily = sweep("test-hub-1", Duration.ofDays(1));
        assertThat(daily.slice()).isEmpty(); // the pass's first slice: every entry (fewer than a slice) and the round
        jdbc.update("update problem set status = 'closed' where round_id = ? and problem_no = 1", ROUND_ID);

        assertThat(daily.slice()).as("the round's turn comes again in a day, not at every tick").isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from ledger_sweep where last_pass_at is not null"
                + " and pass_started_at > last_pass_at", Integer.class)).isEqualTo(1);
    }
}
