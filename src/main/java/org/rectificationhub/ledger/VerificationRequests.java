package org.rectificationhub.ledger;

import org.rectificationhub.audit.AuditLog;
import org.springframework.stereotype.Component;

/**
 * An operator asks for the full verification (the API, the console): the request is audited with who asked and
 * what it found, a request refused because one already runs and one that failed too.
 */
@Component
public class VerificationRequests {

    static final String ACTION = "ledger.verify";
    private static final String TARGET = "ledger";

    private final IntegrityWatch watch;
    private final AuditLog audit;

    VerificationRequests(IntegrityWatch watch, AuditLog audit) {
        this.watch = watch;
        this.audit = audit;
    }

    public IntegrityWatch.FullRun verify(String actor) {
        IntegrityWatch.FullRun run;
        try {
            run = watch.verifyAll();
        } catch (RuntimeException failed) {
            audit.recordAlone(actor, ACTION, TARGET, null, failed.toString());
            throw failed;
        }
        LedgerVerifier.Report report = run.report();
        if (report == null) {
            audit.record(actor, ACTION, TARGET, null, AuditLog.Outcome.REFUSED, "one is already running on "
                    + run.alreadyRunning().instance() + " since " + run.alreadyRunning().since());
        } else {
            audit.record(actor, ACTION, TARGET, null, AuditLog.Outcome.DONE, report.ok()
                    ? "intact: " + report.entries() + " entries, " + report.checkpoints() + " checkpoints"
                    : "broken at entry " + report.brokenAt() + ": " + report.problem());
        }
        return run;
    }
}
