package org.rectificationhub.ledger;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether the ledger may be appended to. Once verification finds the chain or the state broken, nothing more is
 * appended onto it (the channels then acknowledge nothing) until an operator has looked and cleared the break.
 */
@Component
public class IntegrityGate {

    /** What verification found, where, and when. */
    public record Break(Long entry, String problem, Instant at) {
    }

    private volatile Break broken;

    void halt(Break found) {
        broken = found;
    }

    Optional<Break> cleared() {
        Break was = broken;
        broken = null;
        return Optional.ofNullable(was);
    }

    public Optional<Break> broken() {
        return Optional.ofNullable(broken);
    }

    /** Thrown instead of appending onto a broken ledger. */
    void requireOpen() {
        Break found = broken;
        if (found != null) {
            throw new LedgerHaltedException(found);
        }
    }
}
