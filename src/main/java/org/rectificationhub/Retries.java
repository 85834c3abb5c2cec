package org.rectificationhub;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * How something that fails is tried again, whatever it is (an outbox row, a commission snapshot, a department's
 * receipts, an input the intake failed on): after an exponential back-off, and once it has failed {@code parkAfter}
 * times in a row it is parked, tried no more by itself and shown to operators until one replays it. Either way it
 * holds back nothing else.
 */
@Component
public final class Retries {

    private static final int MAX_ERROR_CHARS = 1000;

    private final Duration first;
    private final Duration max;
    private final int parkAfter;

    @Autowired
    Retries(@Value("${hub.delivery.first-back-off:1s}") Duration first,
            @Value("${hub.delivery.max-back-off:5m}") Duration max,
            @Value("${hub.delivery.park-after:10}") int parkAfter) {
        this.first = first;
        this.max = max;
        this.parkAfter = Math.max(1, parkAfter);
    }

    /** Another pace than the delivery back-off (an intake's retries of an input) or a relay built in a test. */
    public static Retries of(Duration first, Duration max, int parkAfter) {
        return new Retries(first, max, parkAfter);
    }

    /** How long to wait after the {@code attempts}-th failure in a row. */
    public Duration backOff(int attempts) {
        Duration wait = first.multipliedBy(1L << Math.min(Math.max(attempts, 1) - 1, 20));
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** Whether {@code attempts} failures in a row park the item. */
    public boolean parks(int attempts) {
        return attempts >= parkAfter;
    }

    /**
     * The failure as operators read it, bounded: its root cause first (a broker's refusal wrapped by Camel, a file
     * the site cannot write), then what it was caught as.
     */
    public static String error(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        String error = describe(root) + (root == failure ? "" : " (in " + describe(failure) + ")");
        return error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error;
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }
}
