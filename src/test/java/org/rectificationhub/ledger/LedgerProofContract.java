package org.rectificationhub.ledger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.rectificationhub.HubProperties;
import org.rectificationhub.ledger.CommitResult.Outcome;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.ROUND_ID;

/**
 * The ledger's proof under load and across restarts and instances: the full verification reads one snapshot, a
 * break is held in the database until cleared, what a clearing accepted is not raised again, and only a checkpoint
 * that verifies under a trusted key anchors the start-up check. Run against each database the hub supports.
 */
abstract class LedgerProofContract extends LedgerContract {

    IntegrityWatch watch(String instance) {
        return watch(instance, Duration.ZERO, List.of());
    }

    /** An instance starting: with a sweep of this period (zero: none) and these copies of the checkpoints. */
    IntegrityWatch watch(String instance, Duration sweepEvery, List<String> witnessCopies) {
        HubProperties properties = properties(dataDir, instance);
        return new IntegrityWatch(verifier, checkpoints, gateOn(jdbc, instance),
                new Witnesses(jdbc, checkpoints, witnessCopies), sweep(instance, sweepEvery), jdbc,
                new VerificationRecord(jdbc, properties), new SimpleMeterRegistry(), 1000, Duration.ofMinutes(5),
                "checkpoint", Duration.ZERO, Duration.ofHours(2));
    }

    LedgerSweep sweep(String instance, Duration every) {
        return new LedgerSweep(jdbc, properties(dataDir, instance), new SimpleMeterRegistry(), every, 60_000,
                Duration.ofHours(2));
    }

    private CommitResult officeReport(int writer, int n) {
        long sequence = writer * 100_000L + n;
        return commit(progress(p -> p.put("department", OFFICE).put("updateId", "w" + writer + "-" + n)
                .put("sequence", sequence).put("status", "in-progress").put("progress", "第" + sequence + "次推进")));
    }

    @Test
    void fullVerificationsDuringABurstOfAppendsFindNoBreakAndEveryUpdateIsRecorded() throws Exception {
        registerRound();
        IntegrityWatch watch = watch("test-hub-1");
        int writers = 2;
        int each = 150;
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        List<LedgerVerifier.Report> reports = new ArrayList<>();
        try {
            List<Future<?>> burst = new ArrayList<>();
            for (int w = 1; w <= writers; w++) {
                int writer = w;
                burst.add(threads.submit(() -> {
                    for (int n = 1; n <= each; n++) {
                        assertThat(officeReport(writer, n).outcome()).isIn(Outcome.ACCEPTED, Outcome.STALE);
                    }
                }));
            }
            while (burst.stream().anyMatch(f -> !f.isDone()) || reports.size() < 3) {
                reports.add(watch.verifyAll().report());
            }
            for (Future<?> f : burst) {
                f.get();
            }
        } finally {
            writing.set(false);
            threads.shutdownNow();
        }

        assertThat(reports).allSatisfy(r -> assertThat(r.ok()).as(String.valueOf(r.problem())).isTrue());
        assertThat(gateOn(jdbc, "test-hub-1").broken()).isEmpty();
        assertThat(count("ledger_entry")).isEqualTo(1 + writers * each);
        assertThat(verifier.verify().entries()).isEqualTo(1 + writers * each);
    }

    @Test
    void aBreakOutlivesARestartAndEveryInstanceHonoursItUntilCleared() {
        registerRound();
        officeReport(1, 1);
        jdbc.update("update problem set progress = 'edited by hand' where round_id = ? and problem_no = 1", ROUND_ID);
        assertThat(watch("test-hub-1").verifyAll().report().ok()).isFalse();

        IntegrityWatch restarted = watch("test-hub-1");
        Ledger another = ledgerOn(dataSource, "test-hub-2");

        assertThat(gateOn(jdbc, "test-hub-2").broken()).hasValueSatisfying(b -> assertThat(b.problem())
                .contains("problem [" + ROUND_ID + ", 1]", "'edited by hand'"));
        assertThatThrownBy(() -> another.commit(new Submission(progress(p -> p.put("updateId", "after")
                .put("sequence", 50)), "economic-development", "test", "t"))).isInstanceOf(LedgerHaltedException.class);
        assertThat(count("ledger_entry")).isEqualTo(2);
        assertThat(restarted.clear("operator", "the progress was corrected by hand; accepted")).isPresent();
        assertThat(officeReport(1, 2).outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void aClearedStateBreakIsNotRaisedAgainWhileTheLogGoesOnButANewEditIs() {
        registerRound();
        officeReport(1, 1);
        jdbc.update("update problem set entry_count = entry_count + 500 where round_id = ? and problem_no = 1", ROUND_ID);
        IntegrityWatch watch = watch("test-hub-1");
        assertThat(watch.verifyAll().report().problem()).contains("entry_count");
        watch.clear("operator", "counted by hand; accepted");

        officeReport(1, 2);
        officeReport(1, 3);
        LedgerVerifier.Report after = watch.verifyAll().report();

        assertThat(after.ok()).as(String.valueOf(after.problem())).isTrue();
        assertThat(after.entries()).isEqualTo(4);
        jdbc.update("update problem set status = 'closed' where round_id = ? and problem_no = 1", ROUND_ID);
        assertThat(watch.verifyAll().report().problem()).contains("status", "'closed'");
    }

    @Test
    void aClearedEditedEntryIsNotRaisedAgainUnlessItIsEditedOnceMore() {
        registerRound();
        officeReport(1, 1);
        officeReport(1, 2);
        bypassAppendOnlyGuard();
        jdbc.update("update ledger_entry set source = 'edited' where id = 2");
        IntegrityWatch watch = watch("test-hub-1");
        assertThat(watch.verifyAll().report().brokenAt()).isEqualTo(2L);
        watch.clear("operator", "the source was mistyped; accepted");

        assertThat(watch.verifyAll().report().ok()).isTrue();
        jdbc.update("update ledger_entry set source = 'edited again' where id = 2");
        assertThat(watch.verifyAll().report().brokenAt()).isEqualTo(2L);
    }

    @Test
    void aPlantedCheckpointRowIsNotTakenAsTheStartUpAnchorAndIsReported() throws Exception {
        registerRound();
        officeReport(1, 1);
        Checkpoint real = checkpoints.sign(2, jdbc.queryForObject("select entry_hash from ledger_entry where id = 2",
                String.class));
        officeReport(1, 2);
        String stranger = Base64.getEncoder().encodeToString(KeyPairGenerator.getInstance("Ed25519")
                .generateKeyPair().getPublic().getEncoded());
        jdbc.update("insert into ledger_checkpoint (position, head_hash, signed_at, hub_instance, public_key, signature)"
                + " values (3, ?, ?, 'intruder', ?, 'AAAA')", "f".repeat(64), OffsetDateTime.now(), stranger);
        jdbc.update("insert into ledger_checkpoint (position, head_hash, signed_at, hub_instance, public_key, signature)"
                + " values (3, ?, ?, 'intruder', ?, 'AAAA')", "f".repeat(64), OffsetDateTime.now(), real.publicKey());

        IntegrityWatch started = watch("test-hub-1");

        assertThat(started.lastCheckpoint()).hasValueSatisfying(c -> assertThat(c.position()).isEqualTo(2));
        assertThat(started.untrustedCheckpoints()).extracting(Checkpoint::hubInstance).containsOnly("intruder")
                .hasSize(2);
        assertThat(verifier.verify().problem()).contains("does not verify", "forged");
    }

    @Test
    void oneFullVerificationRunsAtATimeInTheClusterAndASecondIsToldOfTheFirst() {
        registerRound();
        VerificationRecord other = new VerificationRecord(jdbc, properties(dataDir, "test-hub-2"));
        assertThat(other.claim(Duration.ofHours(1))).isEmpty();

        IntegrityWatch.FullRun asked = watch("test-hub-1").verifyAll();

        assertThat(asked.report()).isNull();
        assertThat(asked.alreadyRunning().instance()).isEqualTo("test-hub-2");
        other.finish(asked.alreadyRunning().since(), verifier.verify());
        assertThat(watch("test-hub-1").verifyAll().report().ok()).isTrue();
        assertThat(other.last()).hasValueSatisfying(last -> assertThat(last).containsEntry("instance", "test-hub-1"));
    }

    @Test
    void theContinuousCheckGoesOnFromTheVerifiedPositionTheDatabaseKeeps() {
        registerRound();
        officeReport(1, 1);
        IntegrityWatch watch = watch("test-hub-1");
        watch.tick();
        assertThat(watch.verifiedPosition()).isEqualTo(2);
        bypassAppendOnlyGuard();
        jdbc.update("update ledger_entry set source = 'edited' where id = 1");
        officeReport(1, 2);

        IntegrityWatch another = watch("test-hub-2");
        another.tick();

        assertThat(another.verifiedPosition()).as("only entry 3 was read: entry 1 waits for the full check")
                .isEqualTo(3);
        assertThat(another.verifyAll().report().brokenAt()).isEqualTo(1L);
    }
}
