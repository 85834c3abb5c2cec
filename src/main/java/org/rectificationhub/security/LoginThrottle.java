package org.rectificationhub.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins per key (a client, an account) in a sliding window: a key that reaches the limit is blocked for the
 * block time. Keys are remembered in a bounded map (least recently seen forgotten first), so a flood of keys costs
 * memory only up to that bound.
 */
class LoginThrottle {

    static final int MAX_KEYS = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Duration block;
    private final Clock clock;
    private final Map<String, Failures> byKey = LoginGuard.bounded(MAX_KEYS);

    LoginThrottle(int maxFailures, Duration window, Duration block, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.block = block;
        this.clock = clock;
    }

    /** How long the key is still blocked; empty when it may try to log in. */
    synchronized Optional<Duration> blocked(String key) {
        Failures failures = byKey.get(key);
        Instant now = clock.instant();
        if (failures == null || failures.blockedUntil == null || !now.isBefore(failures.blockedUntil)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, failures.blockedUntil));
    }

    /** Counts a failed login; true when this one blocks the key. */
    synchronized boolean failed(String key) {
        Instant now = clock.instant();
        Failures failures = byKey.computeIfAbsent(key, a -> new Failures());
        while (!failures.times.isEmpty() && !failures.times.peekFirst().isAfter(now.minus(window))) {
            failures.times.removeFirst();
        }
        failures.times.addLast(now);
        if (failures.times.size() < maxFailures) {
            return false;
        }
        failures.times.clear();
        failures.blockedUntil = now.plus(block);
        return true;
    }

    private static final class Failures {
        private final Deque<Instant> times = new ArrayDeque<>();
        private Instant blockedUntil;
    }
}
