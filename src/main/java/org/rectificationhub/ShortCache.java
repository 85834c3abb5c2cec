package org.rectificationhub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A value worked out at most once per period, for what operators look at often and is costly to ask (a broker,
 * a mail server, a scan of the ledger): a console refreshed by several people asks the source once. Callers that
 * arrive while it is being worked out wait for that answer instead of asking again.
 */
public final class ShortCache<T> {

    private final Supplier<T> source;
    private final Duration period;
    private final Clock clock;
    private T value;
    private Instant takenAt;

    public ShortCache(Supplier<T> source, Duration period, Clock clock) {
        this.source = source;
        this.period = period;
        this.clock = clock;
    }

    public synchronized T get() {
        if (value == null || !clock.instant().isBefore(takenAt.plus(period))) {
            value = source.get();
            // from when the answer came: a source slower than the period still answers the callers after it
            takenAt = clock.instant();
        }
        return value;
    }
}
