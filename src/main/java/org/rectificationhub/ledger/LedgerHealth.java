package org.rectificationhub.ledger;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * DOWN, naming the entry and what was found, while a ledger break is not cleared (on every instance: the break is
 * held in the database). UP names checkpoint rows that could not be trusted as the anchor, for operators to look at.
 */
@Component("ledgerHealthIndicator")
class LedgerHealth extends AbstractHealthIndicator {

    private final IntegrityGate gate;
    private final IntegrityWatch watch;

    LedgerHealth(IntegrityGate gate, IntegrityWatch watch) {
        this.gate = gate;
        this.watch = watch;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        gate.broken().ifPresentOrElse(
                b -> builder.down().withDetail("brokenAt", b.entry() == null ? "current state" : b.entry())
                        .withDetail("problem", b.problem()).withDetail("since", b.at().toString()),
                () -> builder.up().withDetail("verifiedPosition", watch.verifiedPosition()));
        if (!watch.untrustedCheckpoints().isEmpty()) {
            builder.withDetail("untrustedCheckpoints", watch.untrustedCheckpoints().stream()
                    .map(Checkpoint::position).toList());
        }
    }
}
