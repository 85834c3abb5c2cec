package org.rectificationhub.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The continuous check (routes/ledger-integrity.camel.yaml ticks it): holds the chain to the checkpoints kept outside
 * the database ({@link Witnesses}), verifies the chain from the entry last verified (kept in the database, so its
 * cost follows what was appended), sweeps a slice of what was verified before ({@link LedgerSweep}), the whole ledger
 * with its replayed state once a day (one instance of the cluster at a time), signs a checkpoint every so many
 * entries or minutes, and on a break halts appending on every instance (the channels then acknowledge nothing),
 * turns health DOWN naming the entry, logs an ERROR and counts it. At start-up it compares the witnesses and
 * verifies from the latest checkpoint that verifies under a trusted key (or, asked to, the whole ledger) before any
 * channel starts, unless a break is still open.
 */
@Component("integrityWatch")
public class IntegrityWatch {

    /** A full verification asked for: its report, or the one already under way (report null). */
    public record FullRun(LedgerVerifier.Report report, VerificationRecord.Running alreadyRunning) {
    }

    private static final Logger log = LoggerFactory.getLogger(IntegrityWatch.class);

    private final LedgerVerifier verifier;
    private final Checkpoints checkpoints;
    private final IntegrityGate gate;
    private final Witnesses witnesses;
    private final LedgerSweep sweep;
    private final EntryLog entries;
    private final VerificationRecord proof;
    private final long checkpointEntries;
    private final Duration checkpointEvery;
    private final Duration fullEvery;
    private final Duration lease;
    private final Counter breaks;
    private final Clock clock = Clock.systemUTC();
    private final Instant started = clock.instant();

    private volatile Checkpoint lastCheckpoint;
    private volatile List<Checkpoint> untrusted = List.of();

    IntegrityWatch(LedgerVerifier verifier, Checkpoints checkpoints, IntegrityGate gate, Witnesses witnesses,
                   LedgerSweep sweep, JdbcTemplate jdbc, VerificationRecord record, MeterRegistry meters,
                   @Value("${hub.ledger.checkpoint-every-entries:1000}") long checkpointEntries,
                   @Value("${hub.ledger.checkpoint-every:5m}") Duration checkpointEvery,
                   @Value("${hub.ledger.verify-at-startup:checkpoint}") String atStartup,
                   @Value("${hub.ledger.full-verify-every:1d}") Duration fullEvery,
                   @Value("${hub.ledger.full-verify-lease:2h}") Duration lease) {
        this.verifier = verifier;
        this.checkpoints = checkpoints;
        this.gate = gate;
        this.witnesses = witnesses;
        this.sweep = sweep;
        this.entries = new EntryLog(jdbc);
        this.proof = record;
        this.checkpointEntries = checkpointEntries;
        this.checkpointEvery = checkpointEvery;
        this.fullEvery = fullEvery;
        this.lease = lease;
        this.breaks = Counter.builder("hub.ledger.breaks").description("breaks found by ledger verification")
                .register(meters);
        Gauge.builder("hub.ledger.intact", gate, g -> g.broken().isPresent() ? 0 : 1)
                .description("1 while the ledger verifies, 0 after a break until an operator clears it").register(meters);
        Gauge.builder("hub.ledger.verified.position", this, IntegrityWatch::verifiedPosition)
                .description("the last entry the continuous check verified").register(meters);
        startUp(atStartup);
    }

    /** One round of the continuous check. */
    public void tick() {
        if (gate.broken().isPresent() || contradicted()) {
            return; // nothing more is verified or signed on top of a break until it is cleared
        }
        if (!fullDue() || verifyAll().report() == null) {
            VerificationRecord.Verified from = proof.verified();
            record(verifier.verifySince(from.position(), from.hash()));
        }
        if (gate.broken().isEmpty()) {
            sweep.slice().ifPresent(this::record);
        }
        VerificationRecord.Verified verified = proof.verified();
        if (gate.broken().isEmpty() && checkpointDue(verified.position())) {
            lastCheckpoint = checkpoints.sign(verified.position(), verified.hash());
            log.info("Signed ledger checkpoint at entry {} ({})", verified.position(), verified.hash());
        }
    }

    /**
     * The full check (on request, or daily): one at a time in the cluster, claimed in the database; a break found
     * halts the ledger like any other.
     */
    public FullRun verifyAll() {
        Optional<VerificationRecord.Running> running = proof.claim(lease);
        if (running.isPresent()) {
            return new FullRun(null, running.get());
        }
        Instant began = clock.instant();
        LedgerVerifier.Report report;
        try {
            report = verifier.verify();
        } catch (RuntimeException failed) {
            proof.abandon();
            throw failed;
        }
        proof.finish(began, report);
        record(report);
        return new FullRun(report, null);
    }

    /**
     * An operator has looked at the break and accepts the ledger as it now stands: appending resumes on every
     * instance, the check goes on from the current head, a checkpoint anchors what was accepted, and what the break
     * named is not raised again while it stays as it was.
     */
    public Optional<IntegrityGate.Break> clear(String operator, String reason) {
        EntryLog.Head head = entries.head();
        Optional<IntegrityGate.Break> was = gate.clear(operator, reason, head);
        proof.accept(head.position, head.hash);
        was.ifPresent(b -> log.warn("Ledger break at entry {} ({}) cleared by {}: {}", b.entry(), b.problem(), operator,
                reason));
        if (head.position > 0) {
            lastCheckpoint = checkpoints.sign(head.position, head.hash);
        }
        return was;
    }

    public long verifiedPosition() {
        return proof.verified().position();
    }

    public Optional<Instant> verifiedAt() {
        return Optional.ofNullable(proof.verified().at());
    }

    public Optional<Checkpoint> lastCheckpoint() {
        return Optional.ofNullable(lastCheckpoint);
    }

    /** Checkpoint rows newer than the start-up anchor that do not verify under a trusted key: planted, or stale. */
    public List<Checkpoint> untrustedCheckpoints() {
        return untrusted;
    }

    private boolean fullDue() {
        Instant last = proof.lastStarted().orElse(started);
        return !fullEvery.isZero() && Duration.between(last, clock.instant()).compareTo(fullEvery) >= 0;
    }

    private void startUp(String atStartup) {
        if ("none".equalsIgnoreCase(atStartup)) {
            return; // the offline verify command checks everything itself
        }
        Optional<IntegrityGate.Break> open = gate.broken();
        if (open.isPresent()) {
            log.error("LEDGER BROKEN since {}: {}. Appending stays halted until an operator clears it.",
                    open.get().at(), open.get().problem());
            return;
        }
        Checkpoints.Anchor anchor = checkpoints.anchor();
        untrusted = List.copyOf(anchor.untrusted());
        untrusted.forEach(c -> log.error("The checkpoint row for entry {} (signed at {} by {}) does not verify under a"
                + " trusted key: it is not taken as the anchor", c.position(), c.signedAt(), c.hubInstance()));
        lastCheckpoint = anchor.checkpoint().orElse(null);
        if (contradicted()) {
            return;
        }
        if ("full".equalsIgnoreCase(atStartup) && verifyAll().report() != null) {
            return;
        }
        record(verifier.verifyFromAnchor(lastCheckpoint));
    }

    /** A checkpoint kept outside the database contradicts the chain: halted, and nothing is signed over it. */
    private boolean contradicted() {
        Optional<LedgerVerifier.Report> found = witnesses.contradiction();
        found.ifPresent(this::record);
        return found.isPresent();
    }

    private void record(LedgerVerifier.Report report) {
        log.debug("Ledger verified: {}", report);
        if (report.ok()) {
            proof.advance(report.entries(), report.head());
            return;
        }
        breaks.increment();
        gate.halt(report.problem(), report.brokenAt(), report.finding());
        log.error("LEDGER BROKEN{}: {}. Appending is halted and no channel acknowledges input until an operator"
                + " clears it (POST /api/ledger/integrity/clear).", report.brokenAt() == null ? ""
                : " at entry " + report.brokenAt(), report.problem());
    }

    private boolean checkpointDue(long verifiedPosition) {
        long since = lastCheckpoint == null ? 0 : lastCheckpoint.position();
        if (verifiedPosition <= since) {
            return false;
        }
        return lastCheckpoint == null || verifiedPosition - since >= checkpointEntries
                || Duration.between(lastCheckpoint.signedAt(), clock.instant()).compareTo(checkpointEvery) >= 0;
    }
}
