package org.rectificationhub.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Counts what became of every document, by channel, department and outcome (hub_ingest_documents_total in
 * Prometheus), so operators see a department's rejections rise before anyone calls. The same call keeps today's
 * counts for the operators' console ({@link #countedToday()}), so the two never disagree.
 */
@Component
public class IngestMetrics {

    private record Series(String channel, String department) {
    }

    private final MeterRegistry registry;
    private final Clock clock;
    private final ZoneId zone;
    private final Instant started;
    private final Map<Series, Map<String, Long>> today = new HashMap<>();
    private final Map<Series, Instant> last = new HashMap<>();
    private LocalDate day;

    IngestMetrics(MeterRegistry registry, Clock clock, @Value("${hub.ops.zone:Asia/Shanghai}") ZoneId zone) {
        this.registry = registry;
        this.clock = clock;
        this.zone = zone;
        this.started = clock.instant();
        this.day = LocalDate.ofInstant(started, zone);
    }

    public void count(String channel, String department, String outcome) {
        Series series = new Series(channel == null ? "unknown" : channel,
                department == null || department.isBlank() ? "unknown" : department);
        Counter.builder("hub.ingest.documents")
                .description("Documents taken in, by what became of them")
                .tag("channel", series.channel())
                .tag("department", series.department())
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        Instant now = clock.instant();
        synchronized (today) {
            roll(now);
            today.computeIfAbsent(series, s -> new HashMap<>()).merge(outcome, 1L, Long::sum);
            last.put(series, now);
        }
    }

    /** Today's counts in the operators' zone, per channel and department, and each one's latest document. */
    public CountedToday countedToday() {
        Instant now = clock.instant();
        synchronized (today) {
            roll(now);
            Instant startOfDay = day.atStartOfDay(zone).toInstant();
            TreeSet<Series> all = new TreeSet<>(Comparator.comparing(Series::channel).thenComparing(Series::department));
            all.addAll(today.keySet());
            all.addAll(last.keySet());
            List<CountedToday.Row> rows = new ArrayList<>(all.size());
            for (Series s : all) {
                Map<String, Long> n = today.getOrDefault(s, Map.of());
                rows.add(new CountedToday.Row(s.channel(), s.department(), n.getOrDefault("accepted", 0L),
                        n.getOrDefault("stale", 0L), n.getOrDefault("duplicate", 0L), n.getOrDefault("rejected", 0L),
                        last.get(s)));
            }
            return new CountedToday(day, zone, started.isAfter(startOfDay) ? started : startOfDay, rows);
        }
    }

    /** A new day starts from zero; the latest document per series stays known. */
    private void roll(Instant now) {
        LocalDate current = LocalDate.ofInstant(now, zone);
        if (!current.equals(day)) {
            today.clear();
            day = current;
        }
    }
}
