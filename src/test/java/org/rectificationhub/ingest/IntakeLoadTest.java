package org.rectificationhub.ingest;

import org.junit.jupiter.api.Test;
import org.rectificationhub.support.MovableClock;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeLoadTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T16:00:00Z"));
    private final IntakeLoad load = new IntakeLoad(clock, Duration.ofSeconds(30));

    @Test
    void onlyAFullBatchStartsABurstAndItEndsASecondAfterTheLastFullOne() {
        load.batchTaken(499, 500);
        assertThat(load.fanOutShouldYield()).as("a partial batch: nothing more waited").isFalse();

        load.batchTaken(500, 500);
        assertThat(load.fanOutShouldYield()).isTrue();
        clock.advance(Duration.ofMillis(900));
        assertThat(load.fanOutShouldYield()).isTrue();
        clock.advance(Duration.ofMillis(200));
        assertThat(load.fanOutShouldYield()).as("no full batch for over a second").isFalse();
    }

    @Test
    void theFanOutWaitsAtMostTheMaximumHoweverLongTheBurstLasts() {
        for (int second = 0; second < 30; second++) {
            load.batchTaken(500, 500);
            assertThat(load.fanOutShouldYield()).as("second %d", second).isTrue();
            clock.advance(Duration.ofSeconds(1));
        }
        load.batchTaken(500, 500);
        assertThat(load.fanOutShouldYield()).as("30 s into the burst, batches still full").isFalse();

        clock.advance(Duration.ofSeconds(2));
        load.batchTaken(500, 500);
        assertThat(load.fanOutShouldYield()).as("a new burst after a pause yields again").isTrue();
    }
}
