package org.rectificationhub.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins per remote address in a sliding window: an address that reaches the limit is blocked for the
 * block time. Addresses are remembered in a bounded map (least recently seen forgotten first), so a flood from
 * many addresses costs memory only up to that bound.
 */
class LoginThrottle {

    private static final int MAX_ADDRESSES = 10_000;

    private final LoginProperties settings;
    private final Clock clock;
    private final Map<String, Failures> byAddress = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    LoginThrottle(LoginProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** How long the address is still blocked; empty when it may try to log in. */
    synchronized Optional<Duration> blocked(String address) {
        Failures failures = byAddress.get(address);
        Instant now = clock.instant();
        if (failures == null || failures.blockedUntil == null || !now.isBefore(failures.blockedUntil)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, failures.blockedUntil));
    }

    /** Counts a failed login; true when this one blocks the address. */
    synchronized boolean failed(String address) {
        Instant now = clock.instant();
        Failures failures = byAddress.computeIfAbsent(address, a -> new Failures());
        while (!failures.times.isEmpty() && !failures.times.peekFirst().isAfter(now.minus(settings.window()))) {
            failures.times.removeFirst();
        }
        failures.times.addLast(now);
        if (failures.times.size() < settings.maxFailures()) {
            return false;
        }
        failures.times.clear();
        failures.blockedUntil = now.plus(settings.block());
        return true;
    }

    LoginProperties settings() {
        return settings;
    }

    private static final class Failures {
        private final Deque<Instant> times = new ArrayDeque<>();
        private Instant blockedUntil;
    }
}
