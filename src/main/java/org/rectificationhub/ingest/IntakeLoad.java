package org.rectificationhub.ingest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether the intake is in a burst: a channel took a full batch (so more was waiting) within the last second. Work
 * that can wait (the delivery relays, the site's refresh, the commission's feed) yields to a burst, so at month's end
 * the cores go first to committing and acknowledging what the departments send; it yields for at most
 * HUB_DELIVERY_MAX_YIELD a burst, so the public site and the commission are never held back for longer than that.
 */
@Component
public class IntakeLoad {

    private static final Duration RECENT = Duration.ofSeconds(1);

    private final Clock clock;
    private final Duration maxYield;
    private volatile Instant lastFull;
    private volatile Instant burstSince;

    IntakeLoad(Clock clock, @Value("${hub.delivery.max-yield:30s}") Duration maxYield) {
        this.clock = clock;
        this.maxYield = maxYield;
    }

    /** A channel took {@code size} inputs where it could take {@code capacity}: a full batch means more waits. */
    public void batchTaken(int size, int capacity) {
        if (size < capacity) {
            return;
        }
        Instant now = clock.instant();
        Instant last = lastFull;
        if (last == null || last.plus(RECENT).isBefore(now)) {
            burstSince = now;
        }
        lastFull = now;
    }

    /** Whether work that can wait should wait now: a burst under way, and not yet waited for past the maximum. */
    public boolean fanOutShouldYield() {
        Instant now = clock.instant();
        Instant last = lastFull;
        return last != null && !last.plus(RECENT).isBefore(now) && burstSince.plus(maxYield).isAfter(now);
    }
}
