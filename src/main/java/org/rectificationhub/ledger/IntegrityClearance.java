package org.rectificationhub.ledger;

import org.rectificationhub.audit.AuditLog;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * An operator, having looked at a break, accepts the ledger as it stands and lets appending resume (the API, the
 * console). A reason is required; the clearing is audited, a refusal too.
 */
@Component
public class IntegrityClearance {

    /**
     * @param refusal why nothing was done, or null
     * @param cleared the break that was cleared; empty when nothing was broken
     */
    public record Result(String refusal, Optional<IntegrityGate.Break> cleared) {
    }

    static final String ACTION = "ledger.integrity.clear";
    private static final String TARGET = "ledger/integrity";

    private final IntegrityWatch watch;
    private final AuditLog audit;

    IntegrityClearance(IntegrityWatch watch, AuditLog audit) {
        this.watch = watch;
        this.audit = audit;
    }

    public Result clear(String actor, String reason) {
        if (reason == null || reason.isBlank()) {
            String refusal = "reason: say why the break may be cleared";
            audit.record(actor, ACTION, TARGET, reason, AuditLog.Outcome.REFUSED, refusal);
            return new Result(refusal, Optional.empty());
        }
        Optional<IntegrityGate.Break> cleared;
        try {
            cleared = watch.clear(actor, reason);
        } catch (RuntimeException failed) {
            audit.recordAlone(actor, ACTION, TARGET, reason, failed.toString());
            throw failed;
        }
        audit.record(actor, ACTION, TARGET, reason, AuditLog.Outcome.DONE, cleared.map(b -> "cleared the break at entry "
                + b.entry() + ": " + b.problem()).orElse("nothing was broken"));
        return new Result(null, cleared);
    }
}
