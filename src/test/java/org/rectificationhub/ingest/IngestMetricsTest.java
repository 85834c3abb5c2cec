package org.rectificationhub.ingest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.rectificationhub.support.MovableClock;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class IngestMetricsTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void todaysCountsAreTheCountersOwnIncrementsAndStartAgainAtMidnightInTheOperatorsZone() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // 23:00 in Shanghai
        MovableClock clock = new MovableClock(Instant.parse("2026-11-28T15:00:00Z"));
        IngestMetrics metrics = new IngestMetrics(registry, clock, SHANGHAI);
        metrics.count("file", "urban-management", "accepted");
        metrics.count("file", "urban-management", "accepted");
        metrics.count("file", "urban-management", "rejected");
        metrics.count("kafka", null, "duplicate");

        CountedToday before = metrics.countedToday();
        assertThat(before.day()).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(before.since()).as("started after the day began").isEqualTo(Instant.parse("2026-11-28T15:00:00Z"));
        assertThat(before.row("file", "urban-management")).hasValueSatisfying(r -> {
            assertThat(r.accepted()).isEqualTo(2);
            assertThat(r.rejected()).isEqualTo(1);
        });
        assertThat(before.row("kafka", "unknown")).hasValueSatisfying(r -> assertThat(r.duplicate()).isEqualTo(1));
        assertThat(registry.get("hub.ingest.documents").tags("channel", "file", "department", "urban-management",
                "outcome", "accepted").counter().count()).isEqualTo(2);

        clock.advance(Duration.ofHours(2)); // 01:00 the next day in Shanghai
        CountedToday after = metrics.countedToday();
        assertThat(after.day()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(after.since()).isEqualTo(Instant.parse("2026-11-28T16:00:00Z"));
        assertThat(after.row("file", "urban-management")).hasValueSatisfying(r -> {
            assertThat(r.accepted()).isZero();
            assertThat(r.last()).as("the last input is still known").isEqualTo(Instant.parse("2026-11-28T15:00:00Z"));
        });
        metrics.count("file", "urban-management", "accepted");
        assertThat(metrics.countedToday().row("file", "urban-management").orElseThrow().accepted()).isEqualTo(1);
        assertThat(registry.get("hub.ingest.documents").tags("channel", "file", "department", "urban-management",
                "outcome", "accepted").counter().count()).as("Prometheus counts on").isEqualTo(3);
    }
}
