package org.rectificationhub.security;

import org.junit.jupiter.api.Test;
import org.rectificationhub.support.MovableClock;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginGuardTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2025-01-01T08:00:00Z"));
    private final LoginGuard guard = new LoginGuard(
            new LoginProperties(3, 5, Duration.ofMinutes(1), Duration.ofMinutes(5)), clock);

    @Test
    void aClientsFailuresBlockThatClientOnlyNotTheAccountItGuessedElsewhere() {
        for (int i = 0; i < 3; i++) {
            guard.failed("198.51.100.1", "alice");
        }

        assertThat(guard.blocked("198.51.100.1", "alice")).contains(Duration.ofMinutes(5));
        assertThat(guard.blocked("198.51.100.1", "bob")).as("whatever account it names").isPresent();
        assertThat(guard.blocked("198.51.100.2", "alice")).as("alice at another client").isEmpty();
    }

    @Test
    void guessesAtOneAccountFromManyClientsBlockItForNewClientsButNotWhereItSignedInBefore() {
        guard.succeeded("192.0.2.10", "alice");
        for (int i = 0; i < 5; i++) {
            assertThat(guard.failed("198.51.100." + i, "alice").client()).isFalse();
        }

        assertThat(guard.blocked("198.51.100.99", "alice")).as("a client alice never used")
                .contains(Duration.ofMinutes(5));
        assertThat(guard.blocked("192.0.2.10", "alice")).as("alice's own desk").isEmpty();
        assertThat(guard.blocked("198.51.100.99", "bob")).as("other accounts").isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThat(guard.blocked("198.51.100.99", "alice")).isEmpty();
    }

    @Test
    void aClientVouchedForBySigningInLongAgoIsNewAgain() {
        guard.succeeded("192.0.2.10", "alice");
        clock.advance(LoginGuard.KNOWN_FOR);
        for (int i = 0; i < 5; i++) {
            guard.failed("198.51.100." + i, "alice");
        }

        assertThat(guard.blocked("192.0.2.10", "alice")).isPresent();
    }

    @Test
    void aRequestNamingNoAccountIsJudgedByItsClientAlone() {
        for (int i = 0; i < 5; i++) {
            guard.failed("198.51.100." + i, "alice");
        }
        assertThat(guard.failed("198.51.100.50", null)).isEqualTo(new LoginGuard.Blocked(false, false));
        assertThat(guard.blocked("198.51.100.60", null)).isEmpty();
    }
}
