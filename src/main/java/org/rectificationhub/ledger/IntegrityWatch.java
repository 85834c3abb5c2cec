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
import java.util.Optional;

/**
 * The continuous check (routes/ledger-integrity.camel.yaml ticks it): verifies the chain since the latest signed
 * checkpoint (the checkpointed entry included), the whole ledger with its replayed state once a day, signs a
 * checkpoint every so many entries or minutes, and on a break halts appending (the
 * channels then acknowledge nothing), turns health DOWN naming the entry, logs an ERROR and counts it. At start-up
 * it verifies from the latest checkpoint (or, asked to, the whole ledger) before any channel starts.
 */
@Component("integrityWatch")
public class IntegrityWatch {

    private static final Logger log = LoggerFactory.getLogger(IntegrityWatch.class);

    private final LedgerVerifier verifier;
    private final Checkpoints checkpoints;
    private final IntegrityGate gate;
    private final EntryLog entries;
    private final long checkpointEntries;
    private final Duration checkpointEvery;
    private final Counter breaks;
    private final Clock clock = Clock.systemUTC();

    private volatile long verifiedPosition;
    private volatile String verifiedHash = ChainLink.GENESIS;
    private volatile Instant verifiedAt;
    private volatile Checkpoint lastCheckpoint;
    private final Duration fullEvery;
    private Instant lastFull = clock.instant();

    IntegrityWatch(LedgerVerifier verifier, Checkpoints checkpoints, IntegrityGate gate, JdbcTemplate jdbc,
                   MeterRegistry meters, @Value("${hub.ledger.checkpoint-every-entries:1000}") long checkpointEntries,
                   @Value("${hub.ledger.checkpoint-every:5m}") Duration checkpointEvery,
                   @Value("${hub.ledger.verify-at-startup:checkpoint}") String atStartup,
                   @Value("${hub.ledger.full-verify-every:1d}") Duration fullEvery) {
        this.fullEvery = fullEvery;
        this.verifier = verifier;
        this.checkpoints = checkpoints;
        this.gate = gate;
        this.entries = new EntryLog(jdbc);
        this.checkpointEntries = checkpointEntries;
        this.checkpointEvery = checkpointEvery;
        this.breaks = Counter.builder("hub.ledger.breaks").description("breaks found by ledger verification")
                .register(meters);
        Gauge.builder("hub.ledger.intact", gate, g -> g.broken().isPresent() ? 0 : 1)
                .description("1 while the ledger verifies, 0 after a break until an operator clears it").register(meters);
        Gauge.builder("hub.ledger.verified.position", this, w -> w.verifiedPosition)
                .description("the last entry the continuous check verified").register(meters);
        startUp(atStartup);
    }

    /** One round of the continuous check. */
    public void tick() {
        if (gate.broken().isPresent()) {
            return; // nothing more is verified or signed on top of a break until it is cleared
        }
        if (fullDue()) {
            lastFull = clock.instant();
            record(verifier.verify());
        } else {
            record(sinceLastCheckpoint());
        }
        if (gate.broken().isEmpty() && checkpointDue()) {
            lastCheckpoint = checkpoints.sign(verifiedPosition, verifiedHash);
            log.info("Signed ledger checkpoint at entry {} ({})", verifiedPosition, verifiedHash);
        }
    }

    /** The full check on request (API, operators): a break found halts the ledger like any other. */
    public LedgerVerifier.Report verifyAll() {
        LedgerVerifier.Report report = verifier.verify();
        if (!report.ok()) {
            halt(report);
        }
        return report;
    }

    /**
     * An operator has looked at the break and accepts the ledger as it now stands: appending resumes, the check
     * goes on from the current head, and a checkpoint anchors what was accepted.
     */
    public Optional<IntegrityGate.Break> clear(String operator, String reason) {
        Optional<IntegrityGate.Break> was = gate.cleared();
        EntryLog.Head head = entries.head();
        verifiedPosition = head.position;
        verifiedHash = head.hash;
        verifiedAt = clock.instant();
        was.ifPresent(b -> log.warn("Ledger break at entry {} ({}) cleared by {}: {}", b.entry(), b.problem(), operator,
                reason));
        if (head.position > 0) {
            lastCheckpoint = checkpoints.sign(head.position, head.hash);
        }
        return was;
    }

    public long verifiedPosition() {
        return verifiedPosition;
    }

    public Optional<Instant> verifiedAt() {
        return Optional.ofNullable(verifiedAt);
    }

    public Optional<Checkpoint> lastCheckpoint() {
        return Optional.ofNullable(lastCheckpoint);
    }

    /**
     * Everything since the latest checkpoint, the checkpointed entry included: an edit there is caught on the next
     * tick, and the checkpoint holds what lies before it (checked whole by the full verification).
     */
    private LedgerVerifier.Report sinceLastCheckpoint() {
        Checkpoint anchor = lastCheckpoint;
        if (anchor == null) {
            return verifier.verifyFrom(0, ChainLink.GENESIS);
        }
        Optional<String> before = entries.prevHashAt(anchor.position());
        if (before.isEmpty()) {
            return new LedgerVerifier.Report(false, 0, null, anchor.position(), "the entry the latest checkpoint"
                    + " vouches for is missing: entries were removed", 1);
        }
        return verifier.verifyFrom(anchor.position() - 1, before.get());
    }

    private boolean fullDue() {
        return !fullEvery.isZero() && Duration.between(lastFull, clock.instant()).compareTo(fullEvery) >= 0;
    }

    private void startUp(String atStartup) {
        if ("none".equalsIgnoreCase(atStartup)) {
            return; // the offline verify command checks everything itself
        }
        if ("full".equalsIgnoreCase(atStartup)) {
            record(verifier.verify());
        } else {
            lastCheckpoint = checkpoints.latest().orElse(null);
            Checkpoint start = lastCheckpoint;
            if (start != null && !entries.hashAt(start.position()).map(start.headHash()::equals).orElse(false)) {
                halt(new LedgerVerifier.Report(false, 0, null, start.position(), "the entry differs from the"
                        + " latest checkpoint, signed at " + start.signedAt() + ": history was rewritten", 1));
                return;
            }
            record(start == null ? verifier.verifyFrom(0, ChainLink.GENESIS)
                    : verifier.verifyFrom(start.position(), start.headHash()));
        }
    }

    private void record(LedgerVerifier.Report report) {
        log.debug("Ledger verified: {}", report);
        if (!report.ok()) {
            halt(report);
            return;
        }
        verifiedPosition = report.entries();
        verifiedHash = report.head();
        verifiedAt = clock.instant();
    }

    private void halt(LedgerVerifier.Report report) {
        breaks.increment();
        gate.halt(new IntegrityGate.Break(report.brokenAt(), report.problem(), clock.instant()));
        log.error("LEDGER BROKEN{}: {}. Appending is halted and no channel acknowledges input until an operator"
                + " clears it (POST /api/ledger/integrity/clear).", report.brokenAt() == null ? ""
                : " at entry " + report.brokenAt(), report.problem());
    }

    private boolean checkpointDue() {
        long since = lastCheckpoint == null ? 0 : lastCheckpoint.position();
        if (verifiedPosition <= since) {
            return false;
        }
        return lastCheckpoint == null || verifiedPosition - since >= checkpointEntries
                || Duration.between(lastCheckpoint.signedAt(), clock.instant()).compareTo(checkpointEvery) >= 0;
    }
}
