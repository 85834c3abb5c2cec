package org.rectificationhub.security;

import org.junit.jupiter.api.Test;
import org.rectificationhub.support.MovableClock;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2025-01-01T08:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(1), Duration.ofMinutes(5), clock);

    @Test
    void anAddressReachingTheLimitWithinTheWindowIsBlockedForTheBlockTimeThenLetIn() {
        assertThat(throttle.failed("10.0.0.1")).isFalse();
        assertThat(throttle.failed("10.0.0.1")).isFalse();
        assertThat(throttle.blocked("10.0.0.1")).isEmpty();
        assertThat(throttle.failed("10.0.0.1")).isTrue();

        assertThat(throttle.blocked("10.0.0.1")).contains(Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(4));
        assertThat(throttle.blocked("10.0.0.1")).contains(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.blocked("10.0.0.1")).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        clock.advance(Duration.ofSeconds(61));
        assertThat(throttle.failed("10.0.0.1")).isFalse();
        assertThat(throttle.blocked("10.0.0.1")).isEmpty();
    }

    @Test
    void oneAddressBlockedLeavesTheOthersFree() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.blocked("10.0.0.1")).isPresent();
        assertThat(throttle.blocked("10.0.0.2")).isEmpty();
    }

    @Test
    void afterABlockEndsTheAddressStartsAgainFromNoFailures() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.failed("10.0.0.1")).isFalse();
        assertThat(throttle.blocked("10.0.0.1")).isEmpty();
    }
}
